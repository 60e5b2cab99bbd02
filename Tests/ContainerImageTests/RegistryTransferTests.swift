import Foundation
import NIOCore
import ScanModel
import Testing

@testable import ContainerImage

struct RegistryTransferTests {
    func temporaryDirectory() throws -> String {
        let directory = NSTemporaryDirectory() + "plimsoll-blob-cache-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        return directory
    }

    /// Reads `source` to its end in small pieces.
    func drain(_ source: any ByteSource) throws -> [UInt8] {
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 7)
        while true {
            let count = try buffer.withUnsafeMutableBytes { try source.read(into: $0) }
            if count == 0 { return bytes }
            bytes += buffer[0..<count]
        }
    }

    @Test func aBlobEntersTheCacheOnlyWhenItHashesToItsDigest() throws {
        let cache = BlobCache(directory: try temporaryDirectory())
        let bytes = Array("layer bytes".utf8)
        let digest = DigestingSource.digest(of: bytes)
        #expect(try drain(cache.recording(MemorySource(bytes), digest: digest)) == bytes)
        let cached = try #require(cache.path(of: digest))
        #expect(FileManager.default.contents(atPath: cached) == Data(bytes))

        let liar = DigestingSource.digest(of: Array("other".utf8))
        _ = try drain(cache.recording(MemorySource(bytes), digest: liar))
        #expect(cache.path(of: liar) == nil)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: cache.directory + "/blobs")
        #expect(leftovers == ["sha256"])
    }

    @Test func anAbandonedTransferLeavesNothingBehind() throws {
        let cache = BlobCache(directory: try temporaryDirectory())
        let bytes = [UInt8](repeating: 7, count: 100)
        let digest = DigestingSource.digest(of: bytes)
        do {
            let source = cache.recording(MemorySource(bytes), digest: digest)
            var buffer = [UInt8](repeating: 0, count: 10)
            _ = try buffer.withUnsafeMutableBytes { try source.read(into: $0) }
        }
        #expect(cache.path(of: digest) == nil)
        #expect(try FileManager.default.contentsOfDirectory(atPath: cache.directory + "/blobs") == ["sha256"])
    }

    @Test func peekingDoesNotConsume() throws {
        let source = PeekingSource(MemorySource([1, 2, 3, 4, 5, 6]))
        #expect(try source.peek(4) == [1, 2, 3, 4])
        #expect(try drain(source) == [1, 2, 3, 4, 5, 6])
        let short = PeekingSource(MemorySource([9]))
        #expect(try short.peek(4) == [9])
        #expect(try drain(short) == [9])
    }

    @Test(arguments: [("3", Int64(3)), (" 0 ", 0), ("-1", nil), ("soon", nil), ("", nil)])
    func retryAfterSeconds(header: String, seconds: Int64?) {
        #expect(RegistryClient.retryAfter(header).map { $0.nanoseconds / 1_000_000_000 } == seconds)
    }

    @Test func retryAfterAnHTTPDateInThePastIsNoWait() {
        #expect(RegistryClient.retryAfter("Wed, 21 Oct 2015 07:28:00 GMT") == .zero)
    }

    @Test func theRegistrysErrorMessageIsKeptShortAndOnOneLine() {
        let body = Array(#"{"errors":[{"code":"MANIFEST_UNKNOWN","message":"manifest\nunknown"}]}"#.utf8)
        #expect(RegistryClient.errorDetail(body) == "MANIFEST_UNKNOWN: manifest unknown")
        #expect(RegistryClient.errorDetail(Array("<html>".utf8)) == "")
    }

    @Test(arguments: [
        (#"{"mediaType":"application/vnd.oci.image.index.v1+json","manifests":[]}"#, String?.none, true),
        (#"{"manifests":[]}"#, nil, true),
        (#"{"layers":[],"config":{}}"#, nil, false),
        (#"{}"#, "application/vnd.docker.distribution.manifest.list.v2+json", true),
        (#"{"manifests":[]}"#, "application/vnd.oci.image.manifest.v1+json", false),
    ])
    func manifestsAreToldFromIndexes(body: String, contentType: String?, isIndex: Bool) {
        let manifest = RegistryManifest(
            bytes: Array(body.utf8), digest: DigestingSource.digest(of: Array(body.utf8)), mediaType: contentType)
        #expect((RegistrySource.kind(of: manifest) == .index) == isIndex)
    }
}
