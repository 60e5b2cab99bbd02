import PackageAnalysis
import ScanModel

/// A test analyzer: reads files named `packages.txt` anywhere, one `name version` package per line.
public struct LineListAnalyzer: Analyzer {
    public let identity = AnalyzerIdentity(name: "line-list", version: 1)

    public init() {}

    public func isInterested(in path: ImagePath) -> Bool { path.name == "packages.txt" }

    public func analyze(_ file: AnalyzedFile) async throws -> AnalysisResult {
        let packages = file.text.split(separator: "\n").compactMap { line -> InstalledPackage? in
            let fields = line.split(separator: " ")
            guard fields.count == 2 else { return nil }
            return InstalledPackage(
                name: String(fields[0]), version: String(fields[1]), ecosystem: .dpkg, path: file.path)
        }
        return AnalysisResult(packages: packages)
    }
}

/// A stream of layer entries held in memory, for engine tests.
public struct MemoryLayerStream: LayerEntryStream {
    private var entries: [(LayerEntry, [UInt8])]
    private var position = -1
    public let warnings: [String] = []

    public init(_ entries: [(LayerEntry, [UInt8])]) {
        self.entries = entries
    }

    public mutating func next() async throws -> LayerEntry? {
        position += 1
        return position < entries.count ? entries[position].0 : nil
    }

    public mutating func readContents(limit: Int) async throws -> [UInt8] {
        Array(entries[position].1.prefix(limit))
    }
}
