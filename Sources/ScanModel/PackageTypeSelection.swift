/// Which package types a scan reports: every one, the operating system's, the languages', or a list of purl types.
public struct PackageTypeSelection: Hashable, Sendable {
    /// The package types to report.
    public var types: Set<EcosystemID>

    public init(types: Set<EcosystemID>) {
        self.types = types
    }

    public static let all = PackageTypeSelection(types: Set(EcosystemID.allCases))

    /// Whether packages of `type` are reported.
    public func contains(_ type: EcosystemID) -> Bool { types.contains(type) }

    /// Whether some language (non-OS) package type is selected.
    public var includesLanguagePackages: Bool { types.contains { !$0.isOperatingSystemPackage } }

    /// Parses a list such as `os,library`, `deb,npm` or `os,pypi` (Trivy's `--pkg-types` words plus purl types).
    ///
    /// - Throws: `PackageTypeSelectionError` naming the first word that is neither a group nor a package type.
    public init(parsing words: some Sequence<String>) throws(PackageTypeSelectionError) {
        var types: Set<EcosystemID> = []
        for word in words.flatMap({ $0.split(separator: ",") }) {
            let word = word.trimmingCharacters(in: " ").lowercased()
            switch word {
            case "": continue
            case "os": types.formUnion(EcosystemID.allCases.filter(\.isOperatingSystemPackage))
            case "library", "lang", "language":
                types.formUnion(EcosystemID.allCases.filter { !$0.isOperatingSystemPackage })
            case "all": types.formUnion(EcosystemID.allCases)
            case "dpkg", "debian": types.insert(.dpkg)
            case "go": types.insert(.golang)
            case "python": types.insert(.pypi)
            case "ruby": types.insert(.gem)
            case "java": types.insert(.maven)
            case "rust": types.insert(.cargo)
            case "php": types.insert(.composer)
            case "dotnet", ".net": types.insert(.nuget)
            case "node", "nodejs": types.insert(.npm)
            default:
                guard let type = EcosystemID(rawValue: word) else { throw .unknownType(word) }
                types.insert(type)
            }
        }
        guard !types.isEmpty else { throw .empty }
        self.types = types
    }
}

/// Why a package-type list could not be read.
public enum PackageTypeSelectionError: Error, Equatable, CustomStringConvertible {
    case unknownType(String)
    case empty

    public var description: String {
        switch self {
        case .unknownType(let word):
            let known = ["os", "library"] + EcosystemID.allCases.map(\.rawValue)
            return "unknown package type '\(word)'; expected one of \(known.joined(separator: ", "))"
        case .empty:
            return "no package type given"
        }
    }
}

extension StringProtocol {
    fileprivate func trimmingCharacters(in set: Character) -> String {
        String(drop { $0 == set }.reversed().drop { $0 == set }.reversed())
    }
}
