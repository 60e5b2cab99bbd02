import Foundation
import PackageAnalysis
import ScanModel

/// Finds secrets, sensitive files and certificate problems in every file of an image.
///
/// It reads every file except those under a few trees that hold no secrets worth the read (see `ignoredTrees`),
/// allow-listed paths, and files whose extension marks compressed or machine data (see `ignoredExtensions`).
/// Binary files (a NUL byte in the first 8 KiB) are not searched for text secrets, but still count as sensitive
/// files by name (`*.p12`) and as DER certificates.
public struct SecretAnalyzer: Analyzer {
    public let identity: AnalyzerIdentity
    public let maximumFileSize: Int64
    /// Large files are expected in every image (binaries, databases); the scan counts those skipped instead of
    /// reporting each.
    public var reportsOversizedFiles: Bool { false }
    public let scanner: SecretScanner
    public let certificates: CertificateInspector

    /// Trees not read, each for a reason.
    ///
    /// - `proc`, `sys`, `dev`: kernel pseudo-filesystems, empty in an image and mounted at run time;
    /// - `usr/share/doc`, `usr/share/man`, `usr/share/info`: documentation, whose sample credentials are the
    ///   main source of false positives and whose text configures nothing;
    /// - `usr/share/locale`, `usr/share/i18n`, `usr/share/zoneinfo`: translations, locale and time-zone data;
    /// - `usr/share/lintian`: Debian's packaging-lint overrides, which name tags such as `passwd=…`.
    public static let ignoredTrees: [ImagePath] = [
        "proc", "sys", "dev", "usr/share/doc", "usr/share/man", "usr/share/info", "usr/share/locale",
        "usr/share/i18n", "usr/share/zoneinfo", "usr/share/lintian",
    ].map(ImagePath.init)

    /// The first components of `ignoredTrees`, checked first because `isInterested(in:)` runs for every file.
    static let ignoredTreeRoots = Set(ignoredTrees.compactMap(\.components.first))

    /// Extensions of compressed archives, images, fonts, compiled objects and translation catalogs: their bytes
    /// cannot hold a readable secret, so they are not read at all.
    public static let ignoredExtensions: Set<String> = [
        "gz", "xz", "bz2", "zst", "lz4", "zip", "jar", "war", "whl", "egg", "7z", "png", "jpg", "jpeg", "gif", "ico",
        "webp", "bmp", "tiff", "woff", "woff2", "ttf", "otf", "eot", "so", "a", "o", "pyc", "pyo", "class", "mo",
        "dll", "exe", "wasm", "deb", "rpm", "apk", "mp3", "mp4", "ogg", "wav",
    ]

    /// Creates the analyzer.
    ///
    /// - Parameters:
    ///   - ruleSet: the rules and allow-lists (`SecretRuleSet.configured(by:)` applies a user's configuration).
    ///   - maximumFileSize: larger files are reported as skipped by the engine, not read.
    ///   - now: the time against which certificate expiry is judged.
    public init(
        ruleSet: SecretRuleSet = .builtIn, limits: SecretScanLimits = SecretScanLimits(),
        maximumFileSize: Int64 = 10 << 20, now: Date = Date()
    ) {
        self.scanner = SecretScanner(ruleSet: ruleSet, limits: limits)
        self.certificates = CertificateInspector(now: now)
        self.maximumFileSize = maximumFileSize
        // Cached layer results hold the rules' verdicts: a different rule set must not reuse them.
        let isBuiltIn = ruleSet.fingerprint == SecretRuleSet.builtIn.fingerprint
        self.identity = AnalyzerIdentity(name: isBuiltIn ? "secret" : "secret+\(ruleSet.fingerprint)", version: 1)
    }

    public func isInterested(in path: ImagePath) -> Bool {
        guard let top = path.components.first else { return false }
        if Self.ignoredTreeRoots.contains(top) {
            for tree in Self.ignoredTrees where path.isSelfOrDescendant(of: tree) { return false }
        }
        let name = path.name
        if let dot = name.lastIndex(of: "."),
            Self.ignoredExtensions.contains(name[name.index(after: dot)...].lowercased())
        {
            return false
        }
        return !scanner.ruleSet.isAllowed(path)
    }

    public func analyze(_ file: AnalyzedFile) async throws -> AnalysisResult {
        analyze(contents: file.contents, path: file.path)
    }

    /// Analyzes the bytes of a file for which `isInterested(in:)` returned `true`: sensitive names, certificates,
    /// then text secrets.
    public func analyze(contents: [UInt8], path: ImagePath) -> AnalysisResult {
        var findings = SensitiveFiles.findings(for: path, contents: contents)
        if CertificateInspector.isCandidate(path) {
            findings += certificates.findings(in: contents, path: path)
        }
        // `isInterested(in:)` has checked the allow-list already.
        let scan = scanner.scan(bytes: contents, path: path, source: .file, checksAllowList: false)
        let coversKey = findings.contains(where: SensitiveFiles.coversPrivateKey)
        findings += scan.findings.filter { !(coversKey && SecretRule.privateKeyRuleIDs.contains($0.ruleID)) }
        return AnalysisResult(warnings: scan.notes.map { "\(path.absolute): \($0)" }, secrets: findings)
    }
}
