import ScanModel

extension ReleaseFile {
    /// Reads the operating system that `text`, the contents of this file, describes.
    /// - Throws: `OperatingSystemReleaseError` when the text names no distribution.
    public func operatingSystem(from text: String) throws(OperatingSystemReleaseError) -> OperatingSystem {
        let found: OperatingSystem? =
            switch format {
            case .osRelease: Self.osRelease(text, evidence: path)
            case .lsbRelease: Self.lsbRelease(text, evidence: path)
            case .debianVersion: Self.debianVersion(text, evidence: path)
            case .alpineRelease: Self.alpineRelease(text, evidence: path)
            case .suseRelease: Self.suseRelease(text, evidence: path)
            case .releaseLine: try Self.releaseLine(text, evidence: path)
            }
        guard let found else { throw .noDistribution(path: path) }
        return found
    }

    /// Reads an `os-release(5)` file.
    ///
    /// `ID` defaults to `linux`, as the specification says.
    static func osRelease(_ text: String, evidence: ImagePath) -> OperatingSystem? {
        let fields = OSReleaseParser.assignments(in: text).filter { !$0.value.isEmpty }
        guard !fields.isEmpty else { return nil }
        let id = (fields["ID"] ?? "linux").lowercased()
        var codename = fields["VERSION_CODENAME"] ?? fields["UBUNTU_CODENAME"]
        if codename == nil, id == "debian", let version = fields["VERSION"] {
            // Debian 8 and 9 give the codename only in `VERSION="9 (stretch)"`.
            codename = parenthesizedWord(in: version)?.lowercased()
        }
        return OperatingSystem(
            id: id, versionID: fields["VERSION_ID"], codename: codename,
            prettyName: fields["PRETTY_NAME"] ?? fields["NAME"],
            idLike: (fields["ID_LIKE"] ?? "").split(whereSeparator: { $0 == " " || $0 == "\t" }).map {
                $0.lowercased()
            },
            evidence: evidence)
    }

    /// Reads the Linux Standard Base's `lsb-release` (`DISTRIB_ID`, `DISTRIB_RELEASE`, `DISTRIB_CODENAME`).
    static func lsbRelease(_ text: String, evidence: ImagePath) -> OperatingSystem? {
        let fields = OSReleaseParser.assignments(in: text).filter { !$0.value.isEmpty }
        guard let id = fields["DISTRIB_ID"] else { return nil }
        return OperatingSystem(
            id: id.lowercased(), versionID: fields["DISTRIB_RELEASE"], codename: fields["DISTRIB_CODENAME"],
            prettyName: fields["DISTRIB_DESCRIPTION"], evidence: evidence)
    }

    /// Reads Debian's `debian_version`: a point release (`12.4`, giving `12` and its codename) or, on testing and
    /// unstable, `codename/sid`.
    static func debianVersion(_ text: String, evidence: ImagePath) -> OperatingSystem? {
        let value = text.trimmedOfBlanks()
        guard let first = value.first else { return nil }
        if first.isNumber {
            let major = String(value.prefix(while: \.isNumber))
            return OperatingSystem(
                id: "debian", versionID: major, codename: DebianRelease.codenamesByMajorVersion[major],
                evidence: evidence)
        }
        let codename = value.split(separator: "/").first.map { $0.trimmedOfBlanks().lowercased() } ?? ""
        guard !codename.isEmpty, codename.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" }) else { return nil }
        return OperatingSystem(id: "debian", codename: codename, evidence: evidence)
    }

    /// Reads Alpine's `alpine-release`, the full version (`3.19.1`).
    static func alpineRelease(_ text: String, evidence: ImagePath) -> OperatingSystem? {
        let version = text.split(whereSeparator: \.isNewline).first.map { $0.trimmedOfBlanks() } ?? ""
        guard let first = version.first, first.isNumber else { return nil }
        return OperatingSystem(id: "alpine", versionID: version, evidence: evidence)
    }

    /// Reads the old SUSE `SuSE-release`: a name line, then `VERSION = 12`, `PATCHLEVEL = 5`, `CODENAME = …`.
    static func suseRelease(_ text: String, evidence: ImagePath) -> OperatingSystem? {
        let lines = text.split(whereSeparator: \.isNewline).map { $0.trimmedOfBlanks() }.filter { !$0.isEmpty }
        guard let title = lines.first else { return nil }
        let fields = OSReleaseParser.assignments(in: lines.dropFirst().joined(separator: "\n"))
        let lowered = title.lowercased()
        let id: String
        if lowered.hasPrefix("opensuse") {
            id = "opensuse"
        } else if lowered.hasPrefix("suse linux enterprise server") {
            id = "sles"
        } else if lowered.hasPrefix("suse linux enterprise desktop") {
            id = "sled"
        } else {
            return nil
        }
        var versionID = fields["VERSION"]
        if let version = versionID, let patchLevel = fields["PATCHLEVEL"], patchLevel != "0", !version.contains(".") {
            versionID = "\(version).\(patchLevel)"
        }
        // `SUSE Linux Enterprise Server 12 (x86_64)`: the parenthesis is the architecture.
        let prettyName = title.firstIndex(of: "(").map { title[..<$0].trimmedOfBlanks() } ?? title
        return OperatingSystem(
            id: id, versionID: versionID, codename: fields["CODENAME"]?.lowercased(), prettyName: prettyName,
            evidence: evidence)
    }

    /// Distribution names as release lines spell them, lower-cased, with their `os-release` IDs; longer names first.
    private static let releaseLineNames: [(name: String, id: String)] = [
        ("red hat enterprise linux", "rhel"),
        ("centos stream", "centos"),
        ("centos linux", "centos"),
        ("centos", "centos"),
        ("rocky linux", "rocky"),
        ("almalinux", "almalinux"),
        ("fedora", "fedora"),
        ("oracle linux", "ol"),
        ("amazon linux", "amzn"),
        ("cbl-mariner", "mariner"),
        ("common base linux mariner", "mariner"),
        ("microsoft azure linux", "azurelinux"),
        ("azure linux", "azurelinux"),
        ("vmware photon os", "photon"),
        ("photon os", "photon"),
        ("scientific linux", "scientific"),
        ("openeuler", "openeuler"),
    ]

    /// Reads a one-line release file: `NAME release VERSION (CODENAME)` (Red Hat family, Amazon, Fedora) or
    /// `NAME VERSION` (CBL-Mariner, Azure Linux, Photon OS); later lines (`MARINER_BUILD_NUMBER=…`) are ignored.
    static func releaseLine(_ text: String, evidence: ImagePath) throws(OperatingSystemReleaseError) -> OperatingSystem?
    {
        guard
            let line = text.split(whereSeparator: \.isNewline).map({ $0.trimmedOfBlanks() }).first(where: {
                !$0.isEmpty
            })
        else { return nil }
        let lowered = line.lowercased()
        guard let known = releaseLineNames.first(where: { lowered.hasPrefix($0.name) }) else {
            throw .unrecognizedRelease(path: evidence, text: line)
        }
        let words = line.dropFirst(known.name.count).split(separator: " ")
        var versionID = words.first(where: { $0.first?.isNumber == true }).map(String.init)
        if let version = versionID {
            let parts = version.split(separator: ".")
            switch known.id {
            case "mariner", "azurelinux", "photon":
                // `2.0.20240123`: os-release's VERSION_ID is the major and minor.
                versionID = parts.prefix(2).joined(separator: ".")
            case "amzn" where parts.count >= 3:
                // `2023.3.20240131`: os-release's VERSION_ID is `2023`.
                versionID = String(parts[0])
            default:
                break
            }
        }
        return OperatingSystem(id: known.id, versionID: versionID, prettyName: line, evidence: evidence)
    }

    /// The single word in parentheses, as in `9 (stretch)`; `nil` when there is none or it is several words.
    private static func parenthesizedWord(in text: String) -> String? {
        guard let open = text.firstIndex(of: "("), let close = text[open...].firstIndex(of: ")") else { return nil }
        let word = text[text.index(after: open)..<close].trimmedOfBlanks()
        guard !word.isEmpty, !word.contains(" ") else { return nil }
        return word
    }
}
