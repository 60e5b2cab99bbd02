import ScanModel

/// Renders a scan report in one format.
public protocol ReportWriter: Sendable {
    /// Renders the whole report; the bytes are written out by the caller.
    func render(_ report: ScanReport) throws -> [UInt8]
}
