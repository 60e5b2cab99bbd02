import BinaryFormats
import ScanModel

/// Checks an executable or shared object for the protections its toolchain would give it.
///
/// ELF: PIE (executables only: `ET_EXEC` is not position-independent), NX (`PT_GNU_STACK` present and not
/// executable), full RELRO (`PT_GNU_RELRO` and `BIND_NOW`, dynamically linked files only), stack canaries
/// (`__stack_chk_fail` or `__stack_chk_guard` among the dynamic symbols) and FORTIFY (`__*_chk` symbols, when the
/// file imports a function FORTIFY would check). Go binaries are exempt from RELRO, canary and FORTIFY (the Go
/// toolchain has its own stack checks and no C library calls to fortify); statically linked files from RELRO,
/// canary and FORTIFY (their symbols are gone); musl-linked files from FORTIFY (musl has no `__*_chk` functions;
/// Alpine's fortify-headers check inline). PE: `DYNAMIC_BASE` (ASLR) and `NX_COMPAT` (DEP).
public enum BinaryInspector {
    /// Functions `_FORTIFY_SOURCE` replaces with a `__…_chk` variant; importing one unchecked means no FORTIFY.
    static let fortifiable: Set<String> = [
        "memcpy", "memmove", "memset", "strcpy", "stpcpy", "strncpy", "strcat", "strncat", "sprintf", "snprintf",
        "vsprintf", "vsnprintf", "printf", "fprintf", "vprintf", "vfprintf", "gets", "fgets", "read", "pread",
        "realpath", "getcwd", "readlink", "wcscpy", "mbstowcs", "wcstombs", "recv", "recvfrom", "poll", "syslog",
    ]

    /// The rules `bytes` break, as findings about `path`; empty for files in no executable format.
    ///
    /// - Throws: `BinaryFormatError` for a file that starts like ELF or PE but is malformed.
    public static func findings(in bytes: [UInt8], path: ImagePath, layer: LayerReference?) throws
        -> [HardeningFinding]
    {
        if ELFFile.hasMagic(bytes) { return try elfFindings(try ELFFile(bytes), path: path, layer: layer) }
        if PEFile.hasMagic(bytes) { return try peFindings(try PEFile(bytes), path: path, layer: layer) }
        return []
    }

    static func elfFindings(_ file: ELFFile, path: ImagePath, layer: LayerReference?) throws -> [HardeningFinding] {
        let type = file.header.fileType
        guard type == .executable || type == .sharedObject, !file.programHeaders.isEmpty else { return [] }
        var findings: [HardeningFinding] = []
        func add(_ rule: BinaryRule, _ detail: String) {
            findings.append(rule.finding(path: path, detail: detail, layer: layer))
        }
        let interpreter = try file.interpreter()
        let isDynamic = file.programHeaders.contains { $0.type == .dynamic }
        let isGo = file.sections.contains { [".go.buildinfo", ".gopclntab", ".note.go.buildid"].contains($0.name) }
        if type == .executable { add(.noPIE, "ELF executable of type ET_EXEC, loaded at a fixed address") }
        if let stack = file.programHeaders.first(where: { $0.type == .gnuStack }) {
            if stack.flags.contains(.execute) { add(.executableStack, "PT_GNU_STACK asks for an executable stack") }
        } else {
            add(.executableStack, "no PT_GNU_STACK header, so the stack is executable by default")
        }
        guard isDynamic, !isGo else { return findings }
        let entries = try file.dynamicEntries()
        let hasRELRO = file.programHeaders.contains { $0.type == .gnuRelro }
        let bindsNow = entries.contains { entry in
            entry.tag == ELFDynamicEntry.bindNowTag
                || (entry.tag == ELFDynamicEntry.flagsTag && entry.value & 0x8 != 0)
                || (entry.tag == ELFDynamicEntry.flags1Tag && entry.value & 0x1 != 0)
        }
        if !hasRELRO {
            add(.noRELRO, "no PT_GNU_RELRO segment")
        } else if !bindsNow {
            add(.partialRELRO, "PT_GNU_RELRO without BIND_NOW leaves the GOT writable")
        }
        let symbols = try file.dynamicSymbolNames()
        guard !symbols.isEmpty else { return findings }
        let names = Set(symbols)
        if !names.contains("__stack_chk_fail") && !names.contains("__stack_chk_guard") {
            add(.noStackCanary, "no __stack_chk_fail among its dynamic symbols")
        }
        let isMusl = interpreter?.contains("ld-musl") == true
        let hasChecked = symbols.contains { $0.hasPrefix("__") && $0.hasSuffix("_chk") && $0 != "__stack_chk_fail" }
        let unchecked = symbols.filter { fortifiable.contains($0) }.sorted()
        if !isMusl, !hasChecked, let first = unchecked.first {
            let more = unchecked.count > 1 ? " and \(unchecked.count - 1) more" : ""
            add(.noFortify, "calls \(first)\(more) without a `__…_chk` variant")
        }
        return findings
    }

    static func peFindings(_ file: PEFile, path: ImagePath, layer: LayerReference?) throws -> [HardeningFinding] {
        var findings: [HardeningFinding] = []
        let characteristics = file.header.dllCharacteristics
        if !characteristics.contains(.dynamicBase) {
            findings.append(
                BinaryRule.peNoASLR.finding(path: path, detail: "DYNAMIC_BASE is not set", layer: layer))
        }
        if !characteristics.contains(.nxCompatible) {
            findings.append(BinaryRule.peNoDEP.finding(path: path, detail: "NX_COMPAT is not set", layer: layer))
        }
        return findings
    }
}
