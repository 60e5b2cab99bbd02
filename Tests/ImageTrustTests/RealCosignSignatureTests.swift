import Foundation
import ScanModel
import ScannerTesting
import Testing

@testable import ImageTrust

/// Signatures made by cosign itself (see Fixtures/README.md), so the verifier is tested against the real format and
/// not only against this project's own fixture builder.
struct RealCosignSignatureTests {
    private let signedImage = Digest("sha256:f20c43161d73848408ef247f0ec7111b19fe58ffebc0cbcaa0d2c8bda4967268")
    private let bundleSubject = Digest("sha256:d7d5640c741c60b47fa4b5530daa20a6469b55754a89dd42adbadadb59f9093c")

    @Test func verifiesARealCosignSignatureAndRejectsAnyOneByteChange() throws {
        let key = try VerificationKey(pemRepresentation: try fixtureText("cosign.pub", in: "real-cosign"))
        let payload = try fixtureBytes("payload.json", in: "real-cosign")
        let signature = try #require(decodeBase64(try fixtureText("signature.b64", in: "real-cosign")))
        #expect(key.fingerprint == "sha256:dc2bcfdb0402cd0845f59232655c3ab2a53d55849d4665579efe45c6cc753478")
        #expect(key.isValidSignature(signature, for: payload))

        var changedPayload = payload
        changedPayload[changedPayload.count / 2] ^= 0x01
        #expect(!key.isValidSignature(signature, for: changedPayload))
        var changedSignature = signature
        changedSignature[changedSignature.count - 1] ^= 0x01
        #expect(!key.isValidSignature(changedSignature, for: payload))

        #expect(try SimpleSigningPayload.parse(payload).manifestDigest == signedImage)
    }

    @Test func theFixtureBuilderWritesPayloadsByteForByteAsCosignDoes() throws {
        let image = try #require(signedImage)
        #expect(
            CosignFixture.payload(for: image, reference: "localhost:15381/tobby/fixture")
                == (try fixtureBytes("payload.json", in: "real-cosign")))
    }

    @Test func verifiesTheRealSigTagManifest() async throws {
        let image = try #require(signedImage)
        var store = InMemorySignatureStore()
        store.addBlob(try fixtureBytes("payload.json", in: "real-cosign"))
        store.addManifest(
            try fixtureBytes("signature-manifest.json", in: "real-cosign"), tag: CosignVerifier.signatureTag(for: image)
        )
        let key = try VerificationKey(pemRepresentation: try fixtureText("cosign.pub", in: "real-cosign"))
        let result = try await CosignVerifier(keys: [key]).verify(manifestDigest: image, store: store)
        #expect(result.status == .verified)
        let other = digest(repeating: "c")
        var replayed = store
        replayed.tags = [CosignVerifier.signatureTag(for: other): try #require(store.tags.values.first)]
        let mismatch = try await CosignVerifier(keys: [key]).verify(manifestDigest: other, store: replayed)
        #expect(mismatch.checks.first?.failure == .digestMismatch)
    }

    @Test("Verifies a real cosign 3 bundle through either referrers route", arguments: [true, false])
    func verifiesTheRealBundle(throughReferrersAPI: Bool) async throws {
        let subject = try #require(bundleSubject)
        let store = try bundleStore(subject: subject, throughReferrersAPI: throughReferrersAPI)
        let key = try VerificationKey(pemRepresentation: try fixtureText("cosign.pub", in: "real-cosign-bundle"))
        let result = try await CosignVerifier(keys: [key]).verify(manifestDigest: subject, store: store)
        #expect(result.status == .verified)
        #expect(result.checks.first?.format == "sigstore bundle")
        // The bundle's publicKey.hint is the same SHA-256 of the key's DER, base64-encoded.
        let hint = try #require(decodeBase64("98n9we7FWgY2iBPaTrUAKorkXZduZLcsRIaF6c81jQc="))
        #expect(key.fingerprint == "sha256:" + Digest.hexadecimal(hint))
    }

    @Test func rejectsTheRealBundleWithAnotherKey() async throws {
        let subject = try #require(bundleSubject)
        let store = try bundleStore(subject: subject, throughReferrersAPI: true)
        let result = try await CosignVerifier(keys: [CosignFixture().verificationKey()]).verify(
            manifestDigest: subject, store: store)
        #expect(result.status == .invalid)
        #expect(result.checks.first?.failure == .wrongKey)
    }

    private func bundleStore(subject: Digest, throughReferrersAPI: Bool) throws -> InMemorySignatureStore {
        var store = InMemorySignatureStore(supportsReferrersAPI: throughReferrersAPI)
        store.addBlob(try fixtureBytes("bundle.json", in: "real-cosign-bundle"))
        store.addManifest(try fixtureBytes("referring-manifest.json", in: "real-cosign-bundle"))
        let index = try fixtureBytes("referrers-index.json", in: "real-cosign-bundle")
        if throughReferrersAPI {
            store.referrersIndexes?[subject] = index
        } else {
            store.addManifest(
                index, mediaType: "application/vnd.oci.image.index.v1+json",
                tag: CosignVerifier.referrersTag(for: subject))
        }
        return store
    }
}
