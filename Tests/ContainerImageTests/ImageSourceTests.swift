import Foundation
import ScanModel
import ScannerTesting
import Testing

@testable import ContainerImage

/// The layouts a fixture image can be written in.
enum Layout: String, CaseIterable, Sendable {
    case classicDockerArchive, modernDockerArchive, ociLayout, ociArchive

    func write(_ image: ImageFixture, in directory: TemporaryDirectory) throws -> String {
        switch self {
        case .classicDockerArchive:
            return try directory.write("image.tar", ImageFixture.tar(image.classicDockerArchiveFiles()))
        case .modernDockerArchive:
            return try directory.write("image.tar", ImageFixture.tar(image.modernDockerArchiveFiles()))
        case .ociLayout:
            let root = directory.url.appendingPathComponent("layout")
            try ImageFixture.write(image.ociLayoutFiles(), to: root)
            return root.path
        case .ociArchive:
            return try directory.write("image.oci.tar", ImageFixture.tar(image.ociLayoutFiles()))
        }
    }

    var prefix: String {
        switch self {
        case .classicDockerArchive, .modernDockerArchive: "docker-archive"
        case .ociLayout: "oci-layout"
        case .ociArchive: "oci-archive"
        }
    }
}

func readAll(_ image: LoadedImage) async throws -> [[LayerEntry]] {
    var layers: [[LayerEntry]] = []
    for index in image.layers.indices {
        var stream = try await image.openLayer(index)
        var entries: [LayerEntry] = []
        while let entry = try await stream.next() { entries.append(entry) }
        layers.append(entries)
    }
    return layers
}

func sampleImage(compression: Compression = .gzip) -> ImageFixture {
    var base = TarBuilder()
    base.add("etc/", .directory, mode: 0o755)
    base.file("etc/os-release", "ID=debian\n")
    base.file("etc/passwd", "root:x:0:0::/root:/bin/sh\n")
    var top = TarBuilder()
    top.file("etc/.wh.passwd", "")
    top.file("app/.wh..wh..opq", "")
    top.file("app/main", "binary")
    return ImageFixture(layers: [
        .init(base, compression: compression, createdBy: "ADD rootfs.tar /"),
        .init(top, compression: compression, createdBy: "RUN rm /etc/passwd"),
    ])
}

struct ImageSourceTests {
    static let cases: [(Layout, Compression)] = Layout.allCases.flatMap { layout in
        (layout == .classicDockerArchive ? [Compression.none] : Compression.allCases).map { (layout, $0) }
    }

    @Test("Reads every layout and compression, digests verified", arguments: cases)
    func readsEveryLayout(layout: Layout, compression: Compression) async throws {
        let directory = try TemporaryDirectory()
        let fixture = sampleImage(compression: compression)
        let path = try layout.write(fixture, in: directory)
        let target = try ImageTarget.parse(path)
        #expect(target.kind.rawValue == layout.prefix)
        let image = try await target.source(name: path).load()
        #expect(image.layers.count == 2)
        #expect(image.layers.map(\.createdBy) == ["ADD rootfs.tar /", "RUN rm /etc/passwd"])
        #expect(image.imageID == DigestingSource.digest(of: fixture.configBytes))
        #expect(image.layers[0].diffID == DigestingSource.digest(of: fixture.layers[0].tar))
        let layers = try await readAll(image)
        #expect(layers[0].map(\.path.description) == ["etc", "etc/os-release", "etc/passwd"])
        #expect(layers[1].map(\.kind) == [.whiteout, .opaqueDirectory, .regularFile])
        #expect(layers[1].map(\.path.description) == ["etc/passwd", "app", "app/main"])
    }

    @Test("A layer that does not match its digest is refused", arguments: [Layout.classicDockerArchive, .ociLayout])
    func tamperedLayer(layout: Layout) async throws {
        var fixture = sampleImage(compression: .none)
        let directory = try TemporaryDirectory()
        // Build the metadata for the honest layer, then swap in a different one of the same size.
        let honest = try layout.write(fixture, in: directory)
        var evil = TarBuilder()
        evil.file("etc/os-release", "ID=evil!\n")
        evil.file("etc/passwd", "root:x:0:0::/root:/bin/sh\n")
        evil.add("etc/", .directory, mode: 0o755)
        fixture.layers[0] = .init(evil, compression: .none)
        let honestBlob = sampleImage(compression: .none).layers[0].blob
        let blobPath: String
        if layout == .ociLayout {
            blobPath = honest + "/blobs/sha256/" + DigestingSource.digest(of: honestBlob).encoded
        } else {
            // Rewrite the archive in place: the layer's bytes sit at the same offset.
            let archive = try [UInt8](Data(contentsOf: URL(fileURLWithPath: honest)))
            var tampered = archive
            let needle = Array("ID=debian\n".utf8)
            let start = try #require(archive.indices.first { archive[$0...].starts(with: needle) })
            tampered.replaceSubrange(start..<start + needle.count, with: Array("ID=evil!!\n".utf8))
            try Data(tampered).write(to: URL(fileURLWithPath: honest))
            blobPath = ""
        }
        if !blobPath.isEmpty {
            var bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: blobPath)))
            let needle = Array("ID=debian\n".utf8)
            let start = try #require(bytes.indices.first { bytes[$0...].starts(with: needle) })
            bytes.replaceSubrange(start..<start + needle.count, with: Array("ID=evil!!\n".utf8))
            try Data(bytes).write(to: URL(fileURLWithPath: blobPath))
        }
        let image = try await ImageTarget.parse(honest).source(name: honest).load()
        await #expect {
            _ = try await readAll(image)
        } throws: { error in
            guard case ImageReadError.digestMismatch(let blob, _, _) = error else { return false }
            return blob.contains("layer")
        }
    }

    @Test func aTruncatedGzipLayerIsAnError() async throws {
        let directory = try TemporaryDirectory()
        let fixture = sampleImage(compression: .gzip)
        let root = try Layout.ociLayout.write(fixture, in: directory)
        let digest = DigestingSource.digest(of: fixture.layers[0].blob)
        let path = root + "/blobs/sha256/" + digest.encoded
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
        try Data(bytes.prefix(bytes.count / 2)).write(to: URL(fileURLWithPath: path))
        let image = try await OCILayoutSource(name: root, container: .directory(root: root)).load()
        await #expect(throws: ImageReadError.self) { _ = try await readAll(image) }
    }

    @Test func aManifestPointingAtAMissingBlobNamesIt() async throws {
        let directory = try TemporaryDirectory()
        let fixture = sampleImage()
        let files = fixture.ociLayoutFiles().filter {
            $0.0 != "blobs/sha256/" + DigestingSource.digest(of: fixture.layers[1].blob).encoded
        }
        let root = directory.url.appendingPathComponent("layout")
        try ImageFixture.write(files, to: root)
        let image = try await OCILayoutSource(name: root.path, container: .directory(root: root.path)).load()
        await #expect(
            throws: ImageReadError.missingFile(
                archive: root.path, path: "blobs/sha256/" + DigestingSource.digest(of: fixture.layers[1].blob).encoded)
        ) { _ = try await readAll(image) }
    }

    @Test func anEntryClimbingOutOfTheRootStaysInside() async throws {
        var tar = TarBuilder()
        tar.file("../../etc/passwd", "evil")
        let directory = try TemporaryDirectory()
        let path = try Layout.ociArchive.write(ImageFixture(layers: [.init(tar)]), in: directory)
        let image = try await ImageTarget.parse(path).source(name: path).load()
        var stream = try await image.openLayer(0)
        let entry = try await stream.next()
        #expect(entry?.path == ImagePath("etc/passwd"))
        while try await stream.next() != nil {}
        #expect(stream.warnings.count == 1)
    }

    @Test func aDecompressionBombIsStoppedWithinMemory() async throws {
        var tar = TarBuilder()
        tar.add("zeros", .file([UInt8](repeating: 0, count: 64 << 20)))
        let directory = try TemporaryDirectory()
        let path = try Layout.ociArchive.write(ImageFixture(layers: [.init(tar)]), in: directory)
        var limits = LayerLimits()
        limits.ratioCheckThreshold = 8 << 20
        limits.maximumCompressionRatio = 100
        let image = try await ImageTarget.parse(path).source(name: path, limits: limits).load()
        await #expect {
            _ = try await readAll(image)
        } throws: { error in
            guard case ImageReadError.limitExceeded(_, let limit) = error else { return false }
            return limit.contains("decompression bomb")
        }
    }

    @Test func severalImagesNeedAChoice() async throws {
        let directory = try TemporaryDirectory()
        let first = sampleImage()
        var files = first.classicDockerArchiveFiles()
        let second = ImageFixture(layers: first.layers, tag: "example/other:2", architecture: "arm64")
        let secondFiles = second.classicDockerArchiveFiles()
        let manifest =
            #"[{"Config":"\#(DigestingSource.digest(of: first.configBytes).encoded).json","RepoTags":["example/app:1.0"],"Layers":\#(layerList(files))},{"Config":"\#(DigestingSource.digest(of: second.configBytes).encoded).json","RepoTags":["example/other:2"],"Layers":\#(layerList(files))}]"#
        files =
            files.filter { $0.0 != "manifest.json" }
            + secondFiles.filter { $0.0.hasSuffix(".json") && $0.0 != "manifest.json" }
        files.append(("manifest.json", Array(manifest.utf8)))
        let path = try directory.write("two.tar", ImageFixture.tar(files))
        await #expect(
            throws: ImageReadError.severalImages(archive: path, available: ["example/app:1.0", "example/other:2"])
        ) {
            _ = try await DockerArchiveSource(name: path, archivePath: path).load()
        }
        let chosen = try await DockerArchiveSource(name: path, archivePath: path, image: "example/other:2").load()
        #expect(chosen.configuration?.architecture == "arm64")
        #expect(chosen.repoTags == ["example/other:2"])
    }

    private func layerList(_ files: [(String, [UInt8])]) -> String {
        "[" + files.filter { $0.0.hasSuffix("layer.tar") }.map { "\"\($0.0)\"" }.joined(separator: ",") + "]"
    }

    @Test func aPlatformIsChosenFromANestedIndex() async throws {
        let directory = try TemporaryDirectory()
        let amd = sampleImage()
        let arm = ImageFixture(layers: amd.layers, tag: "example/app:1.0", architecture: "arm64")
        var files = amd.ociLayoutFiles().filter { $0.0 != "index.json" }
        files += arm.ociLayoutFiles().filter { $0.0 != "index.json" }
        func descriptor(_ fixture: ImageFixture, _ arch: String) throws -> String {
            let manifest = try #require(
                fixture.ociLayoutFiles().first { String(decoding: $0.1, as: UTF8.self).contains("\"layers\":[") })
            return
                #"{"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"\#(DigestingSource.digest(of: manifest.1))","size":\#(manifest.1.count),"platform":{"os":"linux","architecture":"\#(arch)"}}"#
        }
        let attestation =
            #"{"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"sha256:\#(String(repeating: "a", count: 64))","size":1,"platform":{"os":"unknown","architecture":"unknown"},"annotations":{"vnd.docker.reference.type":"attestation-manifest"}}"#
        let nested = Array(
            #"{"schemaVersion":2,"mediaType":"application/vnd.oci.image.index.v1+json","manifests":[\#(try descriptor(amd, "amd64")),\#(try descriptor(arm, "arm64")),\#(attestation)]}"#
                .utf8)
        let nestedDigest = DigestingSource.digest(of: nested)
        files.append(("blobs/sha256/\(nestedDigest.encoded)", nested))
        files.append(
            (
                "index.json",
                Array(
                    #"{"schemaVersion":2,"manifests":[{"mediaType":"application/vnd.oci.image.index.v1+json","digest":"\#(nestedDigest)","size":\#(nested.count),"annotations":{"org.opencontainers.image.ref.name":"1.0"}}]}"#
                        .utf8)
            ))
        let root = directory.url.appendingPathComponent("layout")
        try ImageFixture.write(files, to: root)
        let armImage = try await OCILayoutSource(
            name: root.path, container: .directory(root: root.path), selector: .tag("1.0"), platform: "linux/aarch64"
        ).load()
        #expect(armImage.configuration?.architecture == "arm64")
        await #expect(
            throws: ImageReadError.platformNotFound(
                requested: "linux/s390x", available: ["linux/amd64", "linux/arm64"])
        ) {
            _ = try await OCILayoutSource(
                name: root.path, container: .directory(root: root.path), platform: "linux/s390x"
            ).load()
        }
    }

    @Test func aRootFilesystemIsOneLayer() async throws {
        let directory = try TemporaryDirectory()
        try directory.write("etc/os-release", Array("ID=alpine\n".utf8))
        try FileManager.default.createSymbolicLink(
            atPath: directory.path + "/etc/alias", withDestinationPath: "os-release")
        let image = try await ImageTarget.parse("dir:" + directory.path).source(name: directory.path).load()
        let layers = try await readAll(image)
        #expect(layers[0].map(\.path.description) == ["etc", "etc/alias", "etc/os-release"])
        #expect(layers[0][1].kind == .symbolicLink(target: "os-release"))
    }

    @Test func aMissingPathNamesIt() {
        #expect(throws: ImageReadError.cannotOpen(path: "/no/such/image.tar", reason: "No such file or directory")) {
            try ImageTarget.parse("/no/such/image.tar")
        }
    }

    @Test func malformedManifestJSONNamesTheFile() async throws {
        let directory = try TemporaryDirectory()
        let path = try directory.write("bad.tar", ImageFixture.tar([("manifest.json", Array("[{\"Config\":".utf8))]))
        await #expect {
            _ = try await DockerArchiveSource(name: path, archivePath: path).load()
        } throws: { error in
            guard case ImageReadError.malformedJSON(let file, _) = error else { return false }
            return file == "manifest.json"
        }
    }
}
