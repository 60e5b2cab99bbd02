import Foundation
import ScanModel

/// The container runs as root: no `User`, or `root`, `0`, `0:0`, `root:…`.
public struct ImageRootUserRule: ImageRule {
    public let id = "PLM-IMAGE-ROOT-USER"
    public let title = "Container runs as root"
    public let severity = Severity.high

    public init() {}

    /// Returns whether `user` (`User` of the configuration: `name`, `uid`, `name:group`, `uid:gid`) is root.
    static func isRoot(_ user: String?) -> Bool {
        let trimmed = (user ?? "").trimmingCharacters(in: .whitespaces)
        let name = trimmed.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
        return name.isEmpty || name == "root" || (!name.isEmpty && name.allSatisfy { $0 == "0" })
    }

    public func findings(in facts: ImageFacts, configuration: HardeningConfiguration) -> [HardeningFinding] {
        guard Self.isRoot(facts.user) else { return [] }
        let user = facts.user.map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
        let detail = user.isEmpty ? "The image sets no user" : "The image's user is '\(user)'"
        return [
            finding(detail + ", so its processes run as root; add `USER` with a non-root user.", file: "config:User")
        ]
    }
}
