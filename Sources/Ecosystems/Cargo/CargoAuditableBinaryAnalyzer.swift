import BinaryFormats
import Foundation
import PackageAnalysis
import ScanModel

/// Finds the crates compiled into Rust binaries built with `cargo auditable`, from the zlib-compressed JSON it embeds
/// in the ELF section `.dep-v0` (`{"packages": [{"name", "version", "source", "kind", "root"}]}`).
///
/// Files are chosen as the Go binary analyzer chooses them (executables in `bin` folders, at the root, in application
/// trees), since both read the same kind of file. Crates whose `source` is `local` (the binary's own workspace,
/// including the root crate) are left out, as in `Cargo.lock`; build-time crates are kept, since `cargo audit` reports
/// them too. Binaries without the section are not Rust-auditable binaries and give nothing.
public struct CargoAuditableBinaryAnalyzer: Analyzer {
    public let identity = AnalyzerIdentity(name: "cargo-auditable-binary", version: 1)

    /// The same bound as for Go binaries: the largest Rust binaries in images are a few hundred MiB.
    public var maximumFileSize: Int64 { 256 << 20 }

    /// The most bytes the dependency JSON may inflate to; cargo-auditable's own reader uses 8 MiB.
    static let maximumDependencyJSONSize = 8 << 20

    public init() {}

    public func isInterested(in path: ImagePath) -> Bool {
        GoBinaryAnalyzer().isInterested(in: path)
    }

    public func analyze(_ file: AnalyzedFile) async throws -> AnalysisResult {
        guard ELFFile.hasMagic(file.contents) else { return AnalysisResult() }
        do {
            let elf = try ELFFile(file.contents)
            guard let section = elf.section(named: ".dep-v0") else { return AnalysisResult() }
            return try Self.result(compressedDependencies: elf.contents(of: section), path: file.path)
        } catch {
            return AnalysisResult(warnings: ["\(file.path.absolute): \(error)"])
        }
    }

    private struct DependencyList: Decodable {
        struct Package: Decodable {
            var name: String
            var version: String
            var source: String?
        }
        var packages: [Package]
    }

    /// The crates in the contents of a `.dep-v0` section.
    ///
    /// - Throws: `CargoError` when the section does not inflate, is too large, or is not the expected JSON.
    public static func result(compressedDependencies: some Collection<UInt8>, path: ImagePath) throws(CargoError)
        -> AnalysisResult
    {
        let json = try BoundedInflater.inflate(compressedDependencies, limit: maximumDependencyJSONSize)
        guard let list = try? JSONDecoder().decode(DependencyList.self, from: Data(json)) else {
            throw .malformedDependencyJSON
        }
        let packages = list.packages.filter { $0.source != "local" }.map {
            InstalledPackage(name: $0.name, version: $0.version, ecosystem: .cargo, path: path)
        }
        return AnalysisResult(packages: packages)
    }
}
