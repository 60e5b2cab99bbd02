import ScanModel

/// `PLM-DOCKERFILE-ADD-REMOTE-NO-CHECKSUM`: `ADD` of a URL without `--checksum`, so whatever the server sends
/// goes into the image.
public struct RemoteAddWithoutChecksumRule: DockerfileRule {
    public let id = "PLM-DOCKERFILE-ADD-REMOTE-NO-CHECKSUM"
    public let title = "ADD of a remote URL without --checksum"
    public let severity = Severity.high

    /// Creates the rule.
    public init() {}

    /// Whether an `ADD` source is remote: an HTTP(S) URL or a Git repository.
    static func isRemote(_ source: String) -> Bool {
        let lowered = source.lowercased()
        return lowered.hasPrefix("http://") || lowered.hasPrefix("https://") || lowered.hasPrefix("git@")
            || lowered.hasPrefix("git://")
    }

    public func violations(in dockerfile: Dockerfile, context: DockerfileRuleContext) -> [DockerfileViolation] {
        dockerfile.stages.flatMap(\.instructions).compactMap { instruction in
            guard instruction.keyword == "ADD", instruction.flag("checksum") == nil else { return nil }
            let remote = instruction.fileSources.filter(Self.isRemote)
            guard let first = remote.first else { return nil }
            return DockerfileViolation(
                instruction: instruction,
                message: "ADD \(first) downloads without --checksum=sha256:…, so a changed or tampered file goes "
                    + "into the image unnoticed.")
        }
    }
}

extension DockerfileInstruction {
    /// The sources of a `COPY` or `ADD`: every argument but the last, heredoc markers excluded.
    var fileSources: [String] {
        let words = words.filter { !$0.hasPrefix("<<") }
        return heredocs.isEmpty || words.count > 1 ? Array(words.dropLast()) : []
    }
}
