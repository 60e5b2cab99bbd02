/// The fields of a Python distribution's core metadata that an inventory needs.
///
/// Core metadata (PEP 241, 314, 345, 566, 643, 639; the "Core metadata specifications" of the Python Packaging User
/// Guide) is an RFC 822 header block: `Field: value` lines, continuation lines starting with blanks, ended by the
/// first empty line, after which the description may run to any length. Only the header block is read.
public struct PythonCoreMetadata: Hashable, Sendable {
    public var metadataVersion: String?
    public var name: String?
    public var version: String?
    /// `License`, when it is one short line (some projects paste the whole license text here).
    public var license: String?
    /// `License-Expression` (metadata 2.4): an SPDX expression.
    public var licenseExpression: String?
    /// The `Classifier` values starting `License ::`.
    public var licenseClassifiers: [String]
    /// Whether the header block ended before the end of the file (the description follows).
    public var hasBody: Bool

    public init(
        metadataVersion: String? = nil, name: String? = nil, version: String? = nil, license: String? = nil,
        licenseExpression: String? = nil, licenseClassifiers: [String] = [], hasBody: Bool = false
    ) {
        self.metadataVersion = metadataVersion
        self.name = name
        self.version = version
        self.license = license
        self.licenseExpression = licenseExpression
        self.licenseClassifiers = licenseClassifiers
        self.hasBody = hasBody
    }

    /// The longest `License` value kept as a license name; longer ones are license texts.
    static let longestLicenseName = 100

    /// The licenses to report, simplest source first: the SPDX `License-Expression`; else a short `License`; else
    /// the names the license classifiers end with (`License :: OSI Approved :: MIT License` → `MIT License`).
    public var licenses: [String] {
        if let licenseExpression { return [licenseExpression] }
        if let license { return [license] }
        var names: [String] = []
        for classifier in licenseClassifiers {
            let parts = classifier.split(separator: "::").map { $0.trimmedOfBlanks() }
            guard parts.count > 1, let last = parts.last, !last.isEmpty, last != "OSI Approved" else { continue }
            if !names.contains(last) { names.append(last) }
        }
        return names
    }

    /// Reads the header block of a `METADATA` or `PKG-INFO` file; the body is not looked at.
    public static func parse(_ bytes: [UInt8]) -> PythonCoreMetadata {
        var metadata = PythonCoreMetadata()
        var currentField: Field?
        var currentValue = ""
        var isLongValue = false

        func finish() {
            defer {
                currentField = nil
                currentValue = ""
                isLongValue = false
            }
            guard let field = currentField else { return }
            let value = currentValue.trimmedOfBlanks()
            switch field {
            case .metadataVersion: metadata.metadataVersion = value.nonEmpty
            case .name: metadata.name = value.nonEmpty
            case .version: metadata.version = value.nonEmpty
            case .licenseExpression: metadata.licenseExpression = value.nonEmpty
            case .license:
                let isName = !isLongValue && !value.contains("\n") && value.count <= longestLicenseName
                metadata.license = isName && value != "UNKNOWN" ? value.nonEmpty : nil
            case .classifier:
                if value.hasPrefix("License ::") { metadata.licenseClassifiers.append(value) }
            }
        }

        for (_, line) in ByteLines(bytes) {
            guard let first = line.first else {
                metadata.hasBody = true
                break
            }
            if first == UInt8(ascii: " ") || first == UInt8(ascii: "\t") {
                // A continuation of the field before; kept only for the fields read, and bounded.
                guard currentField != nil else { continue }
                if currentValue.utf8.count > 4 * longestLicenseName {
                    isLongValue = true
                } else {
                    currentValue += "\n" + String(decoding: line, as: UTF8.self)
                }
                continue
            }
            finish()
            guard let colon = line.firstIndex(of: UInt8(ascii: ":")) else { continue }
            let key = String(decoding: line[line.startIndex..<colon], as: UTF8.self).lowercased()
            guard let field = Field(rawValue: key) else { continue }
            currentField = field
            let value = line[(colon + 1)...]
            if value.count > 4 * longestLicenseName, field == .license {
                isLongValue = true
            } else {
                currentValue = String(decoding: value, as: UTF8.self)
            }
        }
        finish()
        return metadata
    }

    /// The header fields read, by their lower-cased names.
    private enum Field: String {
        case metadataVersion = "metadata-version"
        case name
        case version
        case license
        case licenseExpression = "license-expression"
        case classifier
    }
}

extension String {
    /// The string, or `nil` when it is empty.
    fileprivate var nonEmpty: String? { isEmpty ? nil : self }
}
