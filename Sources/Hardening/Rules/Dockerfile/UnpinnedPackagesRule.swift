import ScanModel

/// `PLM-DOCKERFILE-UNPINNED-PACKAGES`: `apt-get install`, `apk add`, `pip install` or `npm install -g` of
/// packages without a version, so rebuilding gives different software.
public struct UnpinnedPackagesRule: DockerfileRule {
    public let id = "PLM-DOCKERFILE-UNPINNED-PACKAGES"
    public let title = "Packages installed without a pinned version"
    public let severity = Severity.low

    /// Creates the rule.
    public init() {}

    public func violations(in dockerfile: Dockerfile, context: DockerfileRuleContext) -> [DockerfileViolation] {
        dockerfile.runInstructions.compactMap { _, instruction in
            var parts: [String] = []
            for installation in instruction.shellScript.installations {
                let unpinned = installation.unpinnedPackages
                guard !unpinned.isEmpty else { continue }
                let verb =
                    switch installation.manager {
                    case .aptGet: "apt-get install"
                    case .apk: "apk add"
                    case .pip: "pip install"
                    case .npm: "npm install -g"
                    case .yum: "yum install"
                    case .dnf: "dnf install"
                    }
                parts.append("\(verb) \(unpinned.prefix(5).joined(separator: " "))\(unpinned.count > 5 ? " …" : "")")
            }
            guard !parts.isEmpty else { return nil }
            return DockerfileViolation(
                instruction: instruction,
                message: "Unpinned versions: \(parts.joined(separator: "; ")); pin them (name=version, "
                    + "name==version, name@version) so rebuilds install the same software.")
        }
    }
}
