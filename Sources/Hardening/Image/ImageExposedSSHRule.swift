import ScanModel

/// The image exposes port 22: an SSH server inside a container is a second way in that needs its own keys.
public struct ImageExposedSSHRule: ImageRule {
    public let id = "PLM-IMAGE-EXPOSED-SSH"
    public let title = "SSH port exposed"
    public let severity = Severity.medium

    public init() {}

    public func findings(in facts: ImageFacts, configuration: HardeningConfiguration) -> [HardeningFinding] {
        facts.exposedPorts.filter { $0 == "22" || $0 == "22/tcp" }.map { port in
            finding(
                "The image exposes \(port); run no SSH server in a container and use `docker exec` or `kubectl exec` "
                    + "to get a shell.", file: "config:ExposedPorts")
        }
    }
}
