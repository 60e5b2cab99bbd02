import PackageAnalysis
import ScanModel
import Testing

@testable import Ecosystems

struct GemfileLockAnalyzerTests {
    static let lockPath = ImagePath("srv/app/Gemfile.lock")

    @Test func readsTheGemsOfTheGEMSection() async throws {
        let text = """
            GIT
              remote: https://github.com/rails/rails.git
              revision: 2f1a4d1
              specs:
                rails (7.2.0.alpha)

            GEM
              remote: https://rubygems.org/
              specs:
                actionpack (7.1.2)
                  rack (>= 2.2.4)
                  rack-test (>= 0.6.3)
                nokogiri (1.15.4-x86_64-linux)
                  racc (~> 1.4)
                rack (2.2.8)
                not a spec line

            PLATFORMS
              x86_64-linux

            DEPENDENCIES
              actionpack

            BUNDLED WITH
               2.4.22
            """
        let file = AnalyzedFile(path: Self.lockPath, contents: Array(text.utf8))
        let result = try await GemfileLockAnalyzer().analyze(file)
        #expect(
            result.packages == [
                InstalledPackage(name: "actionpack", version: "7.1.2", ecosystem: .gem, path: Self.lockPath),
                InstalledPackage(
                    name: "nokogiri", version: "1.15.4", ecosystem: .gem, architecture: "x86_64-linux",
                    path: Self.lockPath),
                InstalledPackage(name: "rack", version: "2.2.8", ecosystem: .gem, path: Self.lockPath),
            ])
        #expect(result.warnings == ["srv/app/Gemfile.lock:16: expected 'name (version)', found 'not a spec line'"])
    }

    @Test func aFileThatIsNotALockFileHasNoGems() {
        let garbage = (0..<4096).map { UInt8(truncatingIfNeeded: ($0 &* 2_654_435_761) >> 9) }
        #expect(GemfileLockAnalyzer.parse(garbage, path: Self.lockPath).packages.isEmpty)
    }

    @Test(
        "A spec line without a version is a warning",
        arguments: ["    rack (-x86_64-linux)", "    rack ()", "    rack"])
    func specWithoutVersion(line: String) {
        let result = GemfileLockAnalyzer.parse(Array("GEM\n  specs:\n\(line)\n".utf8), path: Self.lockPath)
        #expect(result.packages.isEmpty)
        #expect(result.warnings.count == 1)
    }

    @Test(
        "Is interested in Bundler lock files",
        arguments: [("srv/app/Gemfile.lock", true), ("srv/app/gems.locked", true), ("srv/app/Gemfile", false)])
    func interest(path: String, expected: Bool) {
        #expect(GemfileLockAnalyzer().isInterested(in: ImagePath(path)) == expected)
    }
}
