import BinaryFormats
import Foundation
import PackageAnalysis
import ScanModel

/// The crates compiled into a Rust binary built with `cargo auditable`, from the zlib-compressed JSON it embeds
/// (`{"packages": [{"name", "version", "source", "kind", "root"}]}`).
///
/// cargo-auditable writes the data to a section named `.dep-v0`: in ELF and PE files a section of that name, in
/// Mach-O files a section of that name in the `__DATA` segment. Crates whose `source` is `local` (the binary's own
/// workspace, including the root crate) are left out, as in `Cargo.lock`; build-time crates are kept, since
/// `cargo audit` reports them too. `ExecutableDependencyAnalyzer` reads the section, once per executable.
public enum CargoAuditableDependencies {
    /// The name of the section cargo-auditable writes.
    public static let sectionName = ".dep-v0"
    /// The Mach-O segment that holds the section.
    public static let machOSegment = "__DATA"
    /// The most bytes the dependency JSON may inflate to; cargo-auditable's own reader uses 8 MiB.
    static let maximumJSONSize = 8 << 20

    /// The compressed dependency data of `executable`, or `nil` when it has no `.dep-v0` section.
    ///
    /// - Throws: `BinaryFormatError.sectionOutOfBounds` when the section lies outside the file.
    public static func compressedDependencies(in executable: ExecutableFile) throws(BinaryFormatError)
        -> ArraySlice<UInt8>?
    {
        try executable.contents(ofSectionNamed: sectionName, machOSegment: machOSegment)
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
        let json: [UInt8]
        do throws(BoundedInflater.Failure) {
            json = try BoundedInflater.inflate(compressedDependencies, limit: maximumJSONSize)
        } catch {
            switch error {
            case .tooLarge(let limit): throw .dependenciesTooLarge(limit: limit)
            case .corrupt(let reason): throw .corruptCompressedDependencies(reason: reason)
            }
        }
        guard let list = try? JSONDecoder().decode(DependencyList.self, from: Data(json)) else {
            throw .malformedDependencyJSON
        }
        let packages = list.packages.filter { $0.source != "local" }.map {
            InstalledPackage(name: $0.name, version: $0.version, ecosystem: .cargo, path: path)
        }
        return AnalysisResult(packages: packages)
    }
}
