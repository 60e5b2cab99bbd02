import ScanModel

/// A layer holds files that later layers delete or replace: the image still carries their bytes.
///
/// Reported per layer when the wasted bytes reach 10 MiB, or 20% of the image's file bytes and at least 1 MiB.
/// Only files of at least `LayerAnalysis.largeFileThreshold` (64 KiB) are counted, so the figure is a lower bound.
public struct WastedLayerBytesRule: ImageRule {
    public let id = "PLM-IMAGE-WASTED-LAYER-BYTES"
    public let title = "Layer files deleted or replaced by later layers"
    public let severity = Severity.low

    /// Wasted bytes that are reported whatever the image's size.
    public static let absoluteThreshold: Int64 = 10 << 20
    /// The share of the image's bytes that is reported when at least `minimumBytes`.
    public static let relativeThreshold = 0.20
    public static let minimumBytes: Int64 = 1 << 20

    public init() {}

    /// Returns whether `bytes` wasted in an image of `total` file bytes is worth a finding.
    static func isReportable(_ bytes: Int64, total: Int64) -> Bool {
        if bytes >= absoluteThreshold { return true }
        return bytes >= minimumBytes && total > 0 && Double(bytes) >= relativeThreshold * Double(total)
    }

    static func megabytes(_ bytes: Int64) -> String {
        let tenths = (bytes * 10 + (1 << 19)) >> 20
        return "\(tenths / 10).\(tenths % 10) MiB"
    }

    public func findings(in facts: ImageFacts, configuration: HardeningConfiguration) -> [HardeningFinding] {
        facts.waste.filter { Self.isReportable($0.wastedBytes, total: facts.totalFileBytes) }.map { waste in
            let examples = waste.largestFiles.prefix(3).map { "\($0.path.absolute) (\(Self.megabytes($0.size)))" }
            return finding(
                "Layer \(waste.layer.index) holds \(Self.megabytes(waste.wastedBytes)) of files that later layers "
                    + "delete or replace, still shipped with the image"
                    + (examples.isEmpty ? "" : ": " + examples.joined(separator: ", "))
                    + ". Remove them in the step that creates them, or build in stages and copy only the result.",
                layer: waste.layer)
        }
    }
}
