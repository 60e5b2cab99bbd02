import VulnerabilityMatching

/// A Go module version, ordered as `golang.org/x/mod/semver` orders it.
///
/// Go requires a leading `v` (`v1.2.3`), but OSV records Go versions without it (`1.2.3`), so both spellings are
/// accepted and mean the same version. The shorthands `v1` and `v1.2` mean `v1.0.0` and `v1.2.0`, and take no
/// pre-release or build suffix. Pseudo-versions (`v0.0.0-20191109021931-daa7c04131f5`,
/// `v1.2.4-0.20191109021931-daa7c04131f5`, `v1.2.3-pre.0.20191109021931-daa7c04131f5`) are ordinary pre-releases
/// and order by SemVer rules, which is how Go orders them. Build metadata, including `+incompatible`, is ignored.
public struct GoModuleVersion: ParsableVersion, Hashable, CustomStringConvertible {
    public static let scheme = VersionSchemeID.go

    /// The version in full SemVer form, without the `v`.
    public let semanticVersion: SemanticVersion

    public init(parsing text: String) throws(VersionParseError) {
        func failure(_ reason: String) -> VersionParseError {
            VersionParseError(scheme: .go, text: text, reason: reason)
        }
        var rest = text.hasPrefix("v") ? Substring(text.dropFirst()) : Substring(text)
        guard let first = rest.first, first.isASCII, first.isNumber else {
            throw failure("expected a number after the optional 'v'")
        }
        // Go's shorthands: "v1" and "v1.2", with nothing after them.
        let core = rest.prefix { $0 != "-" && $0 != "+" }
        let numbers = core.split(separator: ".", omittingEmptySubsequences: false)
        if numbers.count < 3 {
            guard core.count == rest.count else {
                throw failure("a shortened version (v1, v1.2) cannot have a pre-release or build suffix")
            }
            rest += String(repeating: ".0", count: 3 - numbers.count)
        }
        do {
            semanticVersion = try SemanticVersion.parse(String(rest), scheme: .go)
        } catch {
            throw failure(error.reason)
        }
    }

    /// Whether the version carries `+incompatible`: a v2+ module without a go.mod declaring its major version.
    public var isIncompatible: Bool { semanticVersion.build == ["incompatible"] }

    /// Whether this is a pseudo-version: a pre-release ending in a 14-digit UTC timestamp and a 12-hex-digit commit.
    public var isPseudoVersion: Bool {
        let identifiers = semanticVersion.prerelease.map(\.description)
        guard let last = identifiers.last else { return false }
        let parts = last.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count >= 2, let hash = parts.last, hash.count == 12,
            hash.utf8.allSatisfy({ ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x61 && $0 <= 0x66) })
        else { return false }
        let stamp = parts[parts.count - 2]
        return stamp.count == 14 && stamp.isASCIIDigits
    }

    /// The canonical Go spelling, with the `v` and without build metadata other than `+incompatible`.
    public var description: String {
        let semver = semanticVersion
        var text = "v\(semver.major).\(semver.minor).\(semver.patch)"
        if semver.isPrerelease { text += "-" + semver.prerelease.map(\.description).joined(separator: ".") }
        if isIncompatible { text += "+incompatible" }
        return text
    }

    public static func < (lhs: GoModuleVersion, rhs: GoModuleVersion) -> Bool {
        lhs.semanticVersion < rhs.semanticVersion
    }

    /// Converts a Go toolchain tag to the version OSV records for the `stdlib` and `toolchain` packages.
    ///
    /// `go1.21.3` → `1.21.3`, `go1.21` → `1.21.0`, `go1.22rc1` → `1.22.0-rc.1`, `go1.19beta2` → `1.19.0-beta.2`,
    /// `go1` → `1.0.0`; anything else (including `go1.0`, which was never a tag) is `nil`. This is the mapping of
    /// `golang.org/x/vuln`'s `GoTagToSemver`, without the `v`. Text after the first blank is ignored, as
    /// `runtime.Version()` strings such as `go1.21.3 X:boringcrypto` carry experiment names there.
    public static func osvVersion(forGoTag tag: String) -> String? {
        guard let tag = tag.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" }).first else {
            return nil
        }
        if tag == "go1" { return "1.0.0" }
        guard tag.hasPrefix("go"), tag != "go1.0" else { return nil }
        var rest = tag.dropFirst(2)
        func number() -> Substring? {
            let digits = rest.prefix { $0.isASCII && $0.isNumber }
            guard !digits.isEmpty else { return nil }
            rest = rest.dropFirst(digits.count)
            return digits
        }
        guard let major = number(), rest.first == "." else { return nil }
        rest = rest.dropFirst()
        guard let minor = number() else { return nil }
        var patch: Substring = "0"
        if rest.first == "." {
            rest = rest.dropFirst()
            guard let digits = number() else { return nil }
            patch = digits
        }
        var version = "\(major).\(minor).\(patch)"
        if !rest.isEmpty {
            let kinds = ["beta", "rc", "-pre"]
            guard let kind = kinds.first(where: { rest.hasPrefix($0) }) else { return nil }
            rest = rest.dropFirst(kind.count)
            guard let serial = number(), rest.isEmpty else { return nil }
            version += (kind.hasPrefix("-") ? "" : "-") + "\(kind).\(serial)"
        }
        return version
    }
}
