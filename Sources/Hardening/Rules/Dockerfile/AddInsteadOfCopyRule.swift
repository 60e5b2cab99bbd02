import ScanModel

/// `PLM-DOCKERFILE-ADD-INSTEAD-OF-COPY`: `ADD` of local files that are not archives, where `COPY` does the same
/// without `ADD`'s implicit extraction and downloads.
public struct AddInsteadOfCopyRule: DockerfileRule {
    public let id = "PLM-DOCKERFILE-ADD-INSTEAD-OF-COPY"
    public let title = "ADD used where COPY fits"
    public let severity = Severity.low

    /// Creates the rule.
    public init() {}

    private static let archiveSuffixes = [
        ".tar", ".tar.gz", ".tgz", ".tar.bz2", ".tbz", ".tbz2", ".tar.xz", ".txz", ".tar.zst", ".tzst", ".gz",
        ".bz2", ".xz", ".zst", ".lz", ".lzma", ".tar.lz", ".tar.lzma",
    ]

    public func violations(in dockerfile: Dockerfile, context: DockerfileRuleContext) -> [DockerfileViolation] {
        dockerfile.stages.flatMap(\.instructions).compactMap { instruction in
            guard instruction.keyword == "ADD", instruction.heredocs.isEmpty else { return nil }
            let sources = instruction.fileSources
            guard !sources.isEmpty else { return nil }
            let fits = sources.allSatisfy { source in
                let lowered = source.lowercased()
                return !RemoteAddWithoutChecksumRule.isRemote(source) && !lowered.contains("$")
                    && !Self.archiveSuffixes.contains { lowered.hasSuffix($0) }
            }
            guard fits else { return nil }
            return DockerfileViolation(
                instruction: instruction,
                message: "ADD \(sources.joined(separator: " ")) copies local files; use COPY, which does not unpack "
                    + "archives or fetch URLs.")
        }
    }
}
