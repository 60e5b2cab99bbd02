import Crypto
import Foundation
import ScanModel
import ScannerTesting
import Testing

@testable import ImageTrust

struct CosignVerifierTests {
    private let image = digest(repeating: "a")
    private let otherImage = digest(repeating: "b")
    private let signer = CosignFixture()

    private func verify(_ store: InMemorySignatureStore, keys: [VerificationKey]? = nil) async throws
        -> SignatureVerification
    {
        let keys = try keys ?? [signer.verificationKey()]
        return try await CosignVerifier(keys: keys).verify(manifestDigest: image, store: store)
    }

    @Test func verifiesASignatureFoundByTheSigTag() async throws {
        var store = InMemorySignatureStore()
        store.publishSignatures([try signer.signatureLayer(for: image)], for: image)
        let result = try await verify(store)
        #expect(result.status == .verified)
        let check = try #require(result.checks.first)
        #expect(result.checks.count == 1)
        #expect(check.isVerified)
        #expect(check.location == "tag sha256-\(image.encoded).sig")
        #expect(check.format == "cosign simple signing")
        #expect(check.key == (try signer.verificationKey().fingerprint))
    }

    @Test func verifiesASignatureFoundThroughTheReferrersAPI() async throws {
        var store = InMemorySignatureStore()
        store.publishReferrer([try signer.signatureLayer(for: image)], for: image)
        let result = try await verify(store)
        #expect(result.status == .verified)
        #expect(result.checks.map(\.location).allSatisfy { $0.hasPrefix("referrer sha256:") })
    }

    @Test func fallsBackToTheReferrersTagWhenTheRegistryHasNoReferrersAPI() async throws {
        var store = InMemorySignatureStore(supportsReferrersAPI: false)
        store.publishReferrer([try signer.signatureLayer(for: image)], for: image, inReferrersAPI: false)
        let result = try await verify(store)
        #expect(result.status == .verified)
        #expect(result.checks.count == 1)
    }

    @Test func ignoresReferrersThatAreNotSignatures() async throws {
        var store = InMemorySignatureStore()
        store.publishReferrer(
            [try signer.signatureLayer(for: image)], for: image, artifactType: "application/spdx+json")
        #expect(try await verify(store).status == .missing)
    }

    @Test func countsASignatureFoundTwiceOnce() async throws {
        var store = InMemorySignatureStore()
        let layer = try signer.signatureLayer(for: image)
        store.publishSignatures([layer], for: image)
        store.publishReferrer([layer], for: image)
        #expect(try await verify(store).checks.count == 1)
    }

    @Test func reportsAMissingSignatureWithWhereItLooked() async throws {
        let result = try await verify(InMemorySignatureStore())
        #expect(result.status == .missing)
        #expect(result.checks.isEmpty)
        #expect(
            result.message
                == "no cosign signature for \(image) (looked for tag sha256-\(image.encoded).sig and referrers)")
    }

    @Test func reportsASignatureByAnotherKeyAsWrongKey() async throws {
        var store = InMemorySignatureStore()
        store.publishSignatures([try CosignFixture().signatureLayer(for: image)], for: image)
        let key = try signer.verificationKey()
        let result = try await verify(store, keys: [key])
        #expect(result.status == .invalid)
        #expect(result.checks.first?.failure == .wrongKey)
        #expect(result.checks.first?.key == key.fingerprint)
        #expect(result.message.contains("no trusted key verifies it (tried \(key.fingerprint))"))
    }

    @Test func reportsASignatureOfAnotherImageAsDigestMismatch() async throws {
        var store = InMemorySignatureStore()
        let layer = try signer.signatureLayer(for: image, payload: CosignFixture.payload(for: otherImage))
        store.publishSignatures([layer], for: image)
        let result = try await verify(store)
        #expect(result.status == .invalid)
        #expect(result.checks.first?.failure == .digestMismatch)
        #expect(
            result.checks.first?.detail
                == "the signature signs \(otherImage), not this image's \(image) — it belongs to another image")
    }

    @Test("Reports a payload altered after signing as tampered", arguments: [true, false])
    func reportsATamperedPayload(storeVerifiesDigests: Bool) async throws {
        var store = InMemorySignatureStore()
        let layer = try signer.signatureLayer(for: image)
        store.publishSignatures([layer], for: image)
        var altered = layer.payload
        altered[altered.count - 2] = UInt8(ascii: "x")
        store.blobs[CosignFixture.digest(of: layer.payload)] = altered
        store.verifiesDigests = storeVerifiesDigests
        let result = try await verify(store)
        #expect(result.status == .invalid)
        #expect(result.checks.first?.failure == .payloadTampered)
    }

    @Test(
        "Reports a signature annotation that is not base64 as malformed",
        arguments: ["not base64!", "", "QUJ"])
    func reportsMalformedBase64(annotation: String) async throws {
        var store = InMemorySignatureStore()
        var layer = try signer.signatureLayer(for: image)
        layer.signatureBase64 = annotation
        store.publishSignatures([layer], for: image)
        let result = try await verify(store)
        #expect(result.status == .invalid)
        #expect(result.checks.first?.failure == .malformed)
    }

    @Test func acceptsBase64WithLineBreaksAsOlderCosignWroteIt() async throws {
        var store = InMemorySignatureStore()
        var layer = try signer.signatureLayer(for: image)
        layer.signatureBase64 =
            String(layer.signatureBase64.prefix(20)) + "\n" + layer.signatureBase64.dropFirst(20) + "\n"
        store.publishSignatures([layer], for: image)
        #expect(try await verify(store).status == .verified)
    }

    @Test func reportsAKeylessSignatureAsUnsupportedUnlessAKeyVerifiesIt() async throws {
        let certificate = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n"
        var keyless = InMemorySignatureStore()
        keyless.publishSignatures(
            [try CosignFixture().signatureLayer(for: image, certificate: certificate)], for: image)
        let unsupported = try await verify(keyless)
        #expect(unsupported.status == .invalid)
        #expect(unsupported.checks.first?.failure == .unsupported)
        #expect(
            unsupported.checks.first?.detail
                == "keyless signature (certificate) — verify with a key or wait for keyless support")

        var keyed = InMemorySignatureStore()
        keyed.publishSignatures([try signer.signatureLayer(for: image, certificate: certificate)], for: image)
        #expect(try await verify(keyed).status == .verified)
    }

    @Test func explainsTheMostTellingFailure() async throws {
        var store = InMemorySignatureStore()
        store.publishSignatures(
            [
                try CosignFixture().signatureLayer(for: image),
                try signer.signatureLayer(for: image, payload: CosignFixture.payload(for: otherImage)),
            ], for: image)
        let result = try await verify(store)
        #expect(result.checks.map(\.failure) == [.wrongKey, .digestMismatch])
        #expect(result.mostTellingFailure?.failure == .digestMismatch)
        #expect(result.message.hasSuffix("it belongs to another image"))
    }

    @Test func oneVerifiedSignatureIsEnough() async throws {
        var store = InMemorySignatureStore()
        store.publishSignatures(
            [try CosignFixture().signatureLayer(for: image), try signer.signatureLayer(for: image)], for: image)
        let result = try await verify(store)
        #expect(result.status == .verified)
        #expect(result.message.contains("(1 of 2 signatures verified)"))
    }

    @Test func checksAtMost64Signatures() async throws {
        var store = InMemorySignatureStore()
        let layers = try (0..<70).map { index in
            try signer.signatureLayer(
                for: image, payload: CosignFixture.payload(for: image, reference: "registry.example.com/app\(index)"))
        }
        store.publishSignatures(layers, for: image)
        #expect(try await verify(store).checks.count == CosignVerifier.maximumSignatureCount)
    }

    @Test func withoutKeysEverySignatureFailsAsWrongKey() async throws {
        var store = InMemorySignatureStore()
        store.publishSignatures([try signer.signatureLayer(for: image)], for: image)
        let result = try await verify(store, keys: [])
        #expect(result.checks.first?.failure == .wrongKey)
        #expect(result.checks.first?.detail == "no key was given to check it with; pass the signer's public key")
    }

    @Test func verifiesADSSEBundleWhoseStatementNamesTheImage() async throws {
        var store = InMemorySignatureStore()
        store.publishReferrer([try dsseBundleLayer(subject: image)], for: image, artifactType: bundleType)
        let result = try await verify(store)
        #expect(result.status == .verified)
        #expect(result.checks.first?.format == "sigstore bundle")
    }

    @Test func reportsADSSEBundleForAnotherImageAsDigestMismatch() async throws {
        var store = InMemorySignatureStore()
        store.publishReferrer([try dsseBundleLayer(subject: otherImage)], for: image, artifactType: bundleType)
        let result = try await verify(store)
        #expect(result.checks.first?.failure == .digestMismatch)
    }

    @Test func verifiesAMessageSignatureBundleOverTheManifestDigest() async throws {
        let manifestBytes = Array(#"{"schemaVersion":2}"#.utf8)
        let image = CosignFixture.digest(of: manifestBytes)
        let privateKey = try P256.Signing.PrivateKey(rawRepresentation: signer.rawPrivateKey)
        let signature = try privateKey.signature(for: SHA256.hash(data: manifestBytes))
        let bundle = """
            {"mediaType":"\(bundleType)","verificationMaterial":{"publicKey":{"hint":""}},\
            "messageSignature":{"messageDigest":{"algorithm":"SHA2_256",\
            "digest":"\(Data(SHA256.hash(data: manifestBytes)).base64EncodedString())"},\
            "signature":"\(signature.derRepresentation.base64EncodedString())"}}
            """
        var layer = SignatureLayer(payload: Array(bundle.utf8), signatureBase64: "")
        layer.mediaType = bundleType
        var store = InMemorySignatureStore()
        store.publishReferrer([layer], for: image, artifactType: bundleType)
        let result = try await CosignVerifier(keys: [signer.verificationKey()]).verify(
            manifestDigest: image, store: store)
        #expect(result.status == .verified)
    }

    private let bundleType = "application/vnd.dev.sigstore.bundle.v0.3+json"

    private func dsseBundleLayer(subject: ScanModel.Digest) throws -> SignatureLayer {
        let statement = Array(
            (#"{"_type":"https://in-toto.io/Statement/v1","subject":[{"digest":{"sha256":"\#(subject.encoded)"}}],"#
                + #""predicateType":"https://sigstore.dev/cosign/sign/v1"}"#).utf8)
        let signature = try signer.signature(
            of: preAuthenticationEncoding(payloadType: "application/vnd.in-toto+json", payload: statement))
        let bundle = """
            {"mediaType":"\(bundleType)","verificationMaterial":{"publicKey":{"hint":""}},\
            "dsseEnvelope":{"payload":"\(Data(statement).base64EncodedString())",\
            "payloadType":"application/vnd.in-toto+json",\
            "signatures":[{"sig":"\(Data(signature).base64EncodedString())"}]}}
            """
        var layer = SignatureLayer(payload: Array(bundle.utf8), signatureBase64: "")
        layer.mediaType = bundleType
        return layer
    }
}
