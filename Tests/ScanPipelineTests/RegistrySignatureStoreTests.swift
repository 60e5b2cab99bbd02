import ContainerImage
import ImageTrust
import ScanModel
import Testing

@testable import ScanPipeline

/// The registry's errors become those the `SignatureStore` contract names, so a tampered payload or referrer is a
/// failed signature (`payload-tampered`), not an error that ends `plimsoll verify` with status 2.
struct RegistrySignatureStoreTests {
    static let expected = Digest(algorithm: .sha256, encoded: String(repeating: "a", count: 64))
    static let actual = Digest(algorithm: .sha256, encoded: String(repeating: "b", count: 64))

    @Test(arguments: [
        ImageReadError.digestMismatch(blob: "blob", expected: expected, actual: actual) as any Error,
        RegistryError.manifestDigestMismatch(registry: "r", reference: "x", expected: expected, actual: actual),
    ])
    func contentThatDoesNotMatchItsDigestIsTampered(error: any Error) {
        let translated = RegistrySignatureStore.translated(error, digest: Self.expected, maximumSize: 10)
        #expect(translated as? TrustError == .contentDigestMismatch(expected: Self.expected, actual: Self.actual))
    }

    @Test func anOversizedAnswerIsATooLargeBlob() {
        let error = RegistryError.responseTooLarge(registry: "r", what: "blob", limit: 10)
        let translated = RegistrySignatureStore.translated(error, digest: Self.expected, maximumSize: 10)
        #expect(translated as? TrustError == .blobTooLarge(Self.expected, size: 11, maximumSize: 10))
    }

    @Test func otherErrorsPassThrough() {
        let error = RegistryError.cannotConnect(registry: "r", reason: "refused")
        #expect(RegistrySignatureStore.translated(error, digest: nil, maximumSize: 1) as? RegistryError == error)
    }
}
