import VulnerabilityMatching

/// The version orderings Plimsoll implements, found by their scheme's identifier.
public enum VersionSchemeCatalog {
    /// Returns the scheme that orders versions of `id`, or `nil` when Plimsoll does not implement it yet.
    public static func scheme(for id: VersionSchemeID) -> (any VersionScheme)? {
        switch id {
        case .dpkg: ParsedVersionScheme<DpkgVersion>()
        case .rpm: ParsedVersionScheme<RPMVersion>()
        case .apk: ParsedVersionScheme<APKVersion>()
        case .pep440: ParsedVersionScheme<PEP440Version>()
        case .semver: ParsedVersionScheme<SemanticVersion>()
        case .npm: ParsedVersionScheme<NPMVersion>()
        case .maven: ParsedVersionScheme<MavenVersion>()
        case .rubygems: ParsedVersionScheme<RubyGemsVersion>()
        case .go: ParsedVersionScheme<GoModuleVersion>()
        case .nuget: ParsedVersionScheme<NuGetVersion>()
        case .composer: ParsedVersionScheme<ComposerVersion>()
        }
    }
}
