import PackageAnalysis
import ScanModel
import Testing

@testable import Ecosystems

struct LockFileLocationTests {
    @Test(
        "Lock files shipped inside installed dependencies are not read",
        arguments: [
            ("usr/lib/ruby/gems/3.1.0/gems/typeprof-0.21.2/Gemfile.lock", false),
            ("usr/lib/ruby/gems/3.1.0/gems/typeprof-0.21.2/vscode/package-lock.json", false),
            ("usr/local/lib/node_modules/npm/node_modules/x/package-lock.json", false),
            ("root/.cargo/registry/src/index/serde-1.0.0/Cargo.lock", false),
            ("root/go/pkg/mod/github.com/x/y@v1/yarn.lock", false),
            ("srv/app/vendor/bundle/ruby/3.1.0/Gemfile.lock", false),
            ("srv/app/Gemfile.lock", true), ("app/package-lock.json", true), ("app/Cargo.lock", true),
            ("app/yarn.lock", true), ("gems/Gemfile.lock", true),
        ])
    func location(path: String, isRead: Bool) {
        let analyzers: [any Analyzer] = [GemfileLockAnalyzer(), NodeLockfileAnalyzer(), CargoLockAnalyzer()]
        #expect(analyzers.contains { $0.isInterested(in: ImagePath(path)) } == isRead)
    }
}
