import PackageAnalysis
import ScanModel
import ScannerTesting
import Testing

@testable import Ecosystems

struct PythonPackageAnalyzerTests {
    static let wheelPath = ImagePath("usr/local/lib/python3.12/site-packages/requests-2.31.0.dist-info/METADATA")

    /// The start of `requests` 2.31.0's METADATA as pip installs it (metadata 2.1), the description cut short.
    static let requestsMetadata = """
        Metadata-Version: 2.1
        Name: requests
        Version: 2.31.0
        Summary: Python HTTP for Humans.
        Home-page: https://requests.readthedocs.io
        Author: Kenneth Reitz
        Author-email: me@kennethreitz.org
        License: Apache 2.0
        Project-URL: Documentation, https://requests.readthedocs.io
        Classifier: Development Status :: 5 - Production/Stable
        Classifier: License :: OSI Approved :: Apache Software License
        Classifier: Programming Language :: Python :: 3
        Requires-Python: >=3.7
        Description-Content-Type: text/markdown
        License-File: LICENSE
        Requires-Dist: charset-normalizer (<4,>=2)
        Requires-Dist: idna (<4,>=2.5)
        Provides-Extra: socks

        # Requests

        **Requests** is a simple, yet elegant, HTTP library.
        Name: not-a-header
        """

    static func analyze(_ text: String, at path: ImagePath = wheelPath) async throws -> AnalysisResult {
        try await PythonPackageAnalyzer().analyze(AnalyzedFile(path: path, contents: Array(text.utf8)))
    }

    @Test func readsADistInfoMetadataFile() async throws {
        let result = try await Self.analyze(Self.requestsMetadata)
        #expect(
            result.packages == [
                InstalledPackage(
                    name: "requests", version: "2.31.0", ecosystem: .pypi, licenses: ["Apache 2.0"],
                    path: Self.wheelPath)
            ])
        #expect(result.warnings.isEmpty)
    }

    @Test func readsOnlyTheHeaderBlock() {
        let metadata = PythonCoreMetadata.parse(Array(Self.requestsMetadata.utf8))
        #expect(metadata.name == "requests")
        #expect(metadata.metadataVersion == "2.1")
        #expect(metadata.hasBody)
    }

    @Test func prefersTheLicenseExpression() throws {
        let text = """
            Metadata-Version: 2.4
            Name: Flask_SQLAlchemy
            Version: 3.1.1
            License-Expression: BSD-3-Clause
            License: BSD
            Classifier: License :: OSI Approved :: BSD License

            """
        let package = try PythonPackageAnalyzer.package(from: Array(text.utf8), path: Self.wheelPath)
        #expect(package.name == "Flask_SQLAlchemy")
        #expect(package.licenses == ["BSD-3-Clause"])
    }

    @Test func fallsBackToLicenseClassifiersWhenLicenseHoldsTheWholeText() throws {
        let text = """
            Metadata-Version: 2.1
            Name: numpy
            Version: 1.26.4
            License: Copyright (c) 2005-2023, NumPy Developers.
                    All rights reserved.
                    
                    Redistribution and use in source and binary forms, with or without
                    modification, are permitted provided that the following conditions are met.
            Classifier: License :: OSI Approved :: BSD License
            Classifier: License :: OSI Approved
            Classifier: Programming Language :: C

            """
        let package = try PythonPackageAnalyzer.package(from: Array(text.utf8), path: Self.wheelPath)
        #expect(package.version == "1.26.4")
        #expect(package.licenses == ["BSD License"])
    }

    @Test func ignoresAnUnknownLicense() throws {
        let text = "Metadata-Version: 1.0\nName: oldlib\nVersion: 0.1\nLicense: UNKNOWN\n"
        #expect(try PythonPackageAnalyzer.package(from: Array(text.utf8), path: Self.wheelPath).licenses == [])
    }

    @Test func readsEggInfoFilesAndFolders() async throws {
        let pkgInfo = """
            Metadata-Version: 1.2
            Name: PyYAML
            Version: 6.0.1
            License: MIT

            """
        let eggFile = ImagePath("usr/lib/python3/dist-packages/PyYAML-6.0.1.egg-info")
        let result = try await Self.analyze(pkgInfo, at: eggFile)
        #expect(
            result.packages == [
                InstalledPackage(name: "PyYAML", version: "6.0.1", ecosystem: .pypi, licenses: ["MIT"], path: eggFile)
            ])
        let egg = ImagePath("opt/venv/lib/python3.11/site-packages/six-1.16.0-py3.11.egg-info/PKG-INFO")
        #expect(try await Self.analyze(pkgInfo, at: egg).packages.first?.path == egg)
    }

    @Test func readsCRLFHeadersAndContinuationLines() throws {
        let text = "Name: crlf-package\r\nVersion: 1.0\r\nLicense: MIT\r\n  AND Apache-2.0\r\n\r\nbody\r\n"
        let package = try PythonPackageAnalyzer.package(from: Array(text.utf8), path: Self.wheelPath)
        #expect(package.name == "crlf-package")
        #expect(package.version == "1.0")
        #expect(package.licenses == [])  // A license spread over lines is a text, not a name.
    }

    @Test func fieldNamesAreCaseInsensitive() throws {
        let text = "name: lower\nVERSION: 2.0\n"
        let package = try PythonPackageAnalyzer.package(from: Array(text.utf8), path: Self.wheelPath)
        #expect(package.name == "lower" && package.version == "2.0")
    }

    @Test func reportsMetadataWithoutANameOrVersion() async throws {
        #expect(throws: PythonPackageError.missingName) {
            try PythonPackageAnalyzer.package(from: Array("Version: 1.0\n".utf8), path: Self.wheelPath)
        }
        #expect(throws: PythonPackageError.missingVersion(name: "half")) {
            try PythonPackageAnalyzer.package(from: Array("Name: half\n\nVersion: 1.0\n".utf8), path: Self.wheelPath)
        }
        let garbage = (0..<2048).map { UInt8(truncatingIfNeeded: ($0 &* 2_654_435_761) >> 9) }
        await #expect(throws: PythonPackageError.missingName) {
            try await PythonPackageAnalyzer().analyze(AnalyzedFile(path: Self.wheelPath, contents: garbage))
        }
    }

    @Test func readsTheHeadersOfAHugeMetadataFileWithoutTheBody() throws {
        let header = Array("Metadata-Version: 2.1\nName: huge\nVersion: 9.9\nLicense: MIT\n\n".utf8)
        let line = Array(String(repeating: "x", count: 1023).utf8) + [0x0A]
        var bytes = header
        bytes.reserveCapacity(header.count + 20 << 20)
        for _ in 0..<(20 << 10) { bytes += line }  // A 20 MiB description.
        let package = try PythonPackageAnalyzer.package(from: bytes, path: Self.wheelPath)
        #expect(package.name == "huge")
        #expect(package.licenses == ["MIT"])
    }

    @Test func boundsAHeaderBlockThatNeverEnds() throws {
        var text = "Name: endless\nVersion: 1\nLicense: start\n"
        text += String(repeating: "  continuation of the license text that goes on and on\n", count: 100_000)
        let metadata = PythonCoreMetadata.parse(Array(text.utf8))
        #expect(metadata.name == "endless")
        #expect(metadata.license == nil)
        #expect(!metadata.hasBody)
    }

    @Test func theEngineReportsAMetadataFileOverTheLimitWithoutReadingIt() async throws {
        let hugePath = ImagePath("opt/venv/lib/python3.11/site-packages/big-1.0.dist-info/METADATA")
        let entries: [(LayerEntry, [UInt8])] = [
            (LayerEntry(path: hugePath, kind: .regularFile, size: 100 << 20), []),
            (LayerEntry(path: Self.wheelPath, kind: .regularFile, size: 42), Array(Self.requestsMetadata.utf8)),
        ]
        let engine = AnalysisEngine(analyzers: EcosystemCatalog.analyzers)
        let analysis = try await engine.analyze(layer: LayerReference(index: 0)) { MemoryLayerStream(entries) }
        let identity = PythonPackageAnalyzer().identity
        #expect(
            analysis.files.contains(
                AnalyzedFileOutcome(
                    path: hugePath,
                    outcome: .failed(
                        identity, path: hugePath, reason: "file is 104857600 bytes, over the 8388608-byte limit"))))
        #expect(analysis.files.filter { $0.path == hugePath }.count == 1)  // No other analyzer wanted it.
        let read = analysis.files.first { $0.path == Self.wheelPath }
        guard case .succeeded(_, let result) = read?.outcome else {
            Issue.record("requests was not read: \(String(describing: read))")
            return
        }
        #expect(result.packages.map(\.name) == ["requests"])
    }

    @Test(
        "Is interested in installed-distribution metadata anywhere",
        arguments: [
            ("usr/local/lib/python3.12/site-packages/requests-2.31.0.dist-info/METADATA", true),
            ("usr/lib/python3/dist-packages/PyYAML-6.0.1.egg-info", true),
            ("usr/lib/python3/dist-packages/cryptography-38.0.4.egg-info/PKG-INFO", true),
            ("opt/venv/lib/python3.11/site-packages/setuptools-68.0.0-py3.11.egg/EGG-INFO/PKG-INFO", true),
            ("app/deps/urllib3-2.2.1.dist-info/METADATA", true),
            ("usr/local/lib/python3.12/site-packages/requests-2.31.0.dist-info/RECORD", false),
            ("usr/local/lib/python3.12/site-packages/requests/__init__.py", false),
            ("usr/local/lib/python3.12/site-packages/METADATA", false),
            ("src/project/PKG-INFO", false),
            ("usr/lib/python3/dist-packages/.egg-info", false),
            ("etc/os-release", false),
            // Sample eggs in setuptools' tests are not installed distributions.
            (
                "usr/lib/python3/dist-packages/pkg_resources/tests/data/my-test-package_unpacked-egg/"
                    + "my_test_package-1.0-py3.7.egg/EGG-INFO/PKG-INFO", false
            ),
            ("opt/venv/lib/python3.11/site-packages/foo/docs/example-1.0.dist-info/METADATA", false),
            // A virtual environment that happens to live in a folder named docs is still one.
            ("srv/docs/venv/lib/python3.11/site-packages/requests-2.31.0.dist-info/METADATA", true),
        ])
    func interest(path: String, expected: Bool) {
        #expect(PythonPackageAnalyzer().isInterested(in: ImagePath(path)) == expected)
    }

    @Test(
        "Writes pypi package URLs with PEP 503 names",
        arguments: [
            ("PyYAML", "6.0.1", "pkg:pypi/pyyaml@6.0.1"),
            ("Flask_SQLAlchemy", "3.1.1", "pkg:pypi/flask-sqlalchemy@3.1.1"),
            ("zope.interface", "6.1", "pkg:pypi/zope-interface@6.1"),
            ("typing__extensions", "4.9.0", "pkg:pypi/typing-extensions@4.9.0"),
            ("torch", "2.2.0+cpu", "pkg:pypi/torch@2.2.0%2Bcpu"),
        ])
    func packageURL(name: String, version: String, expected: String) {
        let package = InstalledPackage(name: name, version: version, ecosystem: .pypi, path: Self.wheelPath)
        #expect(PackageURLFactory.purl(for: package, operatingSystem: nil).description == expected)
    }

    @Test func isRegistered() {
        #expect(EcosystemCatalog.all.map(\.id).contains(.pypi))
        #expect(EcosystemCatalog.analyzers.contains { $0.identity.name == "python-package" })
        #expect(PythonPackageAnalyzer().maximumFileSize == 8 << 20)
    }
}
