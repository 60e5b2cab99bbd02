import ScanModel

/// A binary-hardening rule: a protection a compiler and linker give when asked, with a stable ID.
///
/// `docs/rules/binary.md` documents each: what it checks, why it matters, how to turn the protection on.
public struct BinaryRule: Sendable, Hashable {
    public let id: String
    public let title: String
    /// The fix, in one sentence, appended to each finding's message.
    public let remedy: String

    /// Every binary rule, in report order.
    public static let all: [BinaryRule] = [
        .noPIE, .executableStack, .noRELRO, .partialRELRO, .noStackCanary, .noFortify, .peNoASLR, .peNoDEP,
    ]

    public static let noPIE = BinaryRule(
        id: "PLM-BINARY-NO-PIE", title: "Executable not position-independent (no ASLR)",
        remedy: "Build with `-fPIE -pie` (Go: `-buildmode=pie`).")
    public static let executableStack = BinaryRule(
        id: "PLM-BINARY-EXECUTABLE-STACK", title: "Executable stack (no NX)",
        remedy: "Link with `-z noexecstack` and find the object that asks for an executable stack.")
    public static let noRELRO = BinaryRule(
        id: "PLM-BINARY-NO-RELRO", title: "No RELRO",
        remedy: "Link with `-Wl,-z,relro,-z,now`.")
    public static let partialRELRO = BinaryRule(
        id: "PLM-BINARY-PARTIAL-RELRO", title: "Partial RELRO (no BIND_NOW)",
        remedy: "Link with `-Wl,-z,now` as well as `-z relro`.")
    public static let noStackCanary = BinaryRule(
        id: "PLM-BINARY-NO-STACK-CANARY", title: "No stack canary",
        remedy: "Compile with `-fstack-protector-strong`.")
    public static let noFortify = BinaryRule(
        id: "PLM-BINARY-NO-FORTIFY", title: "No FORTIFY_SOURCE",
        remedy: "Compile with `-O2 -D_FORTIFY_SOURCE=2` (or 3).")
    public static let peNoASLR = BinaryRule(
        id: "PLM-BINARY-PE-NO-ASLR", title: "PE without ASLR (DYNAMIC_BASE)",
        remedy: "Link with `/DYNAMICBASE`.")
    public static let peNoDEP = BinaryRule(
        id: "PLM-BINARY-PE-NO-DEP", title: "PE without DEP (NX_COMPAT)",
        remedy: "Link with `/NXCOMPAT`.")

    /// The severity of every binary finding unless the configuration overrides it: informational, so that they do
    /// not drown the rest of the report.
    public static let defaultSeverity = Severity.negligible

    /// A finding of this rule about `path`.
    func finding(path: ImagePath, detail: String, layer: LayerReference?) -> HardeningFinding {
        HardeningFinding(
            ruleID: id, category: .binary, title: title, severity: Self.defaultSeverity,
            message: "\(path.absolute): \(detail). \(remedy)", file: path.absolute, layer: layer)
    }
}
