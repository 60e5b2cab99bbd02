// swift-tools-version: 6.0
import PackageDescription

let strict: [SwiftSetting] = [.unsafeFlags(["-warnings-as-errors"])]

let package = Package(
    name: "plimsoll",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "plimsoll", targets: ["plimsoll"])
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "3.12.3"),
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.2.2"),
        .package(url: "https://github.com/groue/GRDB.swift.git", from: "7.10.0"),
        .package(url: "https://github.com/weichsel/ZIPFoundation.git", from: "0.9.20"),
        .package(url: "https://github.com/apple/swift-certificates.git", from: "1.21.1"),
        .package(url: "https://github.com/apple/swift-asn1.git", from: "1.7.4"),
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.37.6"),
    ],
    targets: [
        .systemLibrary(name: "SystemZlib", path: "Sources/SystemZlib", providers: [.apt(["zlib1g-dev"])]),
        .systemLibrary(name: "CSQLite", path: "Sources/CSQLite", providers: [.apt(["libsqlite3-dev"])]),
        .target(name: "ScanModel", swiftSettings: strict),
        .target(
            name: "ContainerImage",
            dependencies: [
                "ScanModel", "SystemZlib", .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"), .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ],
            swiftSettings: strict
        ),
        .target(
            name: "ImageTrust",
            dependencies: [
                "ScanModel", .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
                .product(name: "SwiftASN1", package: "swift-asn1"),
                .product(name: "Yams", package: "Yams"),
            ],
            swiftSettings: strict
        ),
        .target(name: "PackageAnalysis", dependencies: ["ScanModel"], swiftSettings: strict),
        .target(name: "BinaryFormats", dependencies: [], swiftSettings: strict),
        .target(
            name: "VulnerabilityMatching",
            dependencies: ["ScanModel", .product(name: "Yams", package: "Yams")],
            swiftSettings: strict
        ),
        .target(
            name: "AdvisoryDatabase",
            dependencies: [
                "ScanModel", "VulnerabilityMatching", "SystemZlib", .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ],
            swiftSettings: strict
        ),
        .target(
            name: "Ecosystems",
            dependencies: [
                "ScanModel", "PackageAnalysis", "VulnerabilityMatching", "CSQLite", "BinaryFormats", "SystemZlib",
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ],
            swiftSettings: strict
        ),
        .target(
            name: "SecretScanning",
            dependencies: [
                "ScanModel", "PackageAnalysis", .product(name: "X509", package: "swift-certificates"),
                .product(name: "SwiftASN1", package: "swift-asn1"),
            ],
            swiftSettings: strict
        ),
        .target(
            name: "Hardening",
            dependencies: ["ScanModel", "PackageAnalysis", "BinaryFormats"],
            swiftSettings: strict
        ),
        .target(name: "ReportWriters", dependencies: ["ScanModel"], swiftSettings: strict),
        .target(
            name: "ScanPipeline",
            dependencies: [
                "ScanModel", "ContainerImage", "PackageAnalysis", "Ecosystems", "VulnerabilityMatching",
                "ReportWriters", "AdvisoryDatabase", "SecretScanning", "Hardening", "ImageTrust",
                .product(name: "Yams", package: "Yams"), .product(name: "NIOCore", package: "swift-nio"),
            ],
            swiftSettings: strict
        ),
        .executableTarget(
            name: "plimsoll",
            dependencies: [
                "ScanPipeline", "ScanModel", "ReportWriters", "AdvisoryDatabase", "Hardening", "ImageTrust",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strict
        ),
        .target(
            name: "ScannerTesting",
            dependencies: [
                "ScanModel", "PackageAnalysis", "ContainerImage", "VulnerabilityMatching", "SystemZlib", "ImageTrust",
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            path: "Tests/ScannerTesting",
            swiftSettings: strict
        ),
        .testTarget(name: "ScanModelTests", dependencies: ["ScanModel"], swiftSettings: strict),
        .testTarget(
            name: "BinaryFormatsTests", dependencies: ["BinaryFormats", "ScannerTesting"], swiftSettings: strict),
        .testTarget(
            name: "AdvisoryDatabaseTests",
            dependencies: ["AdvisoryDatabase", "ScannerTesting", .product(name: "GRDB", package: "GRDB.swift")],
            swiftSettings: strict
        ),
        .testTarget(
            name: "VulnerabilityMatchingTests",
            dependencies: ["VulnerabilityMatching", "ScannerTesting"],
            resources: [.copy("Fixtures")],
            swiftSettings: strict
        ),
        .testTarget(
            name: "ContainerImageTests",
            dependencies: ["ContainerImage", "ScannerTesting", .product(name: "NIOCore", package: "swift-nio")],
            swiftSettings: strict),
        .testTarget(
            name: "PackageAnalysisTests", dependencies: ["PackageAnalysis", "ScannerTesting"], swiftSettings: strict),
        .testTarget(
            name: "EcosystemsTests",
            dependencies: ["Ecosystems", "VulnerabilityMatching", "ScannerTesting"],
            resources: [.copy("Fixtures")],
            swiftSettings: strict
        ),
        .testTarget(
            name: "ReportWritersTests",
            dependencies: ["ReportWriters", "ScannerTesting"],
            resources: [.copy("Schemas"), .copy("Fixtures")],
            swiftSettings: strict
        ),
        .testTarget(
            name: "SecretScanningTests",
            dependencies: [
                "SecretScanning", "ScannerTesting", .product(name: "X509", package: "swift-certificates"),
                .product(name: "SwiftASN1", package: "swift-asn1"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
            ],
            swiftSettings: strict
        ),
        .testTarget(
            name: "HardeningTests",
            dependencies: ["Hardening", "ScanPipeline", "ScannerTesting"],
            resources: [.copy("Corpus")],
            swiftSettings: strict
        ),
        .testTarget(
            name: "ImageTrustTests",
            dependencies: [
                "ImageTrust", "ScannerTesting", .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
            ],
            resources: [.copy("Fixtures")],
            swiftSettings: strict
        ),
        .testTarget(
            name: "ScanPipelineTests",
            dependencies: ["ScanPipeline", "ScannerTesting"],
            exclude: ["Fixtures"],
            swiftSettings: strict
        ),
    ]
)
