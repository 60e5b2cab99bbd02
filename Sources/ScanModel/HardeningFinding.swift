/// A hardening problem: a Dockerfile practice, an image-configuration setting, the base image, or a binary built
/// without a protection.
public struct HardeningFinding: Hashable, Sendable, Codable {
    /// Where the rule looks.
    public enum Category: String, Hashable, Sendable, Codable, CaseIterable {
        /// A Dockerfile instruction (`plimsoll lint`).
        case dockerfile
        /// The built image's configuration and history.
        case image
        /// The base image: its kind (scratch, distroless, minimal, full) and its release's end of life.
        case baseImage = "base-image"
        /// An executable or shared object built without a protection (PIE, NX, RELRO, canary, FORTIFY, ASLR).
        case binary
        /// Where the image came from and whether it can be believed: digest pinning, signatures, allowed registries.
        case trust
    }

    /// The rule's stable ID (`PLM-DOCKERFILE-UNPINNED-BASE`, `PLM-IMAGE-ROOT-USER`, `PLM-BINARY-NO-PIE`).
    public var ruleID: String
    public var category: Category
    public var title: String
    public var severity: Severity
    /// What is wrong in this instance, in one or two sentences (`FROM python:3.12 is not pinned by digest`).
    public var message: String
    /// The Dockerfile, or the file in the image; `nil` for findings about the image as a whole.
    public var file: String?
    /// The 1-based line in `file`, when there is one.
    public var line: Int?
    /// The layer that added what the finding is about, when it is about a layer.
    public var layer: LayerReference?

    public init(
        ruleID: String, category: Category, title: String, severity: Severity, message: String, file: String? = nil,
        line: Int? = nil, layer: LayerReference? = nil
    ) {
        self.ruleID = ruleID
        self.category = category
        self.title = title
        self.severity = severity
        self.message = message
        self.file = file
        self.line = line
        self.layer = layer
    }
}

extension HardeningFinding {
    /// The JSON report's member names, so a report with hardening findings decodes back (`ruleId`, as secrets have).
    private enum CodingKeys: String, CodingKey {
        case ruleID = "ruleId"
        case category, title, severity, message, file, line, layer
    }
}
