import ScanModel
import Testing

@testable import ImageTrust

struct SimpleSigningPayloadTests {
    private let imageDigest = digest(repeating: "a")

    @Test func readsThePayloadCosignWrites() throws {
        let payload = try SimpleSigningPayload.parse(
            Array(
                (#"{"critical":{"identity":{"docker-reference":"reg.io/app"},"#
                    + #""image":{"docker-manifest-digest":"\#(imageDigest)"},"#
                    + #""type":"cosign container image signature"},"optional":{"creator":"ci","run":7}}"#).utf8))
        #expect(payload.manifestDigest == imageDigest)
        #expect(payload.dockerReference == "reg.io/app")
        #expect(payload.type == SimpleSigningPayload.cosignSignatureType)
        #expect(payload.optional == ["creator": "ci"])
    }

    @Test func matchesKeysWithoutRegardToCase() throws {
        let payload = try SimpleSigningPayload.parse(
            Array(
                (#"{"Critical":{"Image":{"Docker-manifest-digest":"\#(imageDigest)"},"#
                    + #""TYPE":"cosign container image signature"},"#
                    + #""optional":null}"#).utf8))
        #expect(payload.manifestDigest == imageDigest)
        #expect(payload.dockerReference == nil)
        #expect(payload.optional.isEmpty)
    }

    @Test(
        "Refuses payloads that are not cosign image signatures",
        arguments: [
            ("[1]", "it is not a JSON object"),
            ("{", "it is not JSON"),
            (#"{"optional":{}}"#, "it has no 'critical' object"),
            (#"{"critical":{"image":{"docker-manifest-digest":"sha256:x"}}}"#, "it has no 'critical.type'"),
            (
                #"{"critical":{"type":"atomic container signature","image":{}}}"#,
                "its type is 'atomic container signature', not 'cosign container image signature'"
            ),
            (
                #"{"critical":{"type":"cosign container image signature","image":{}}}"#,
                "it has no 'critical.image.docker-manifest-digest'"
            ),
            (
                #"{"critical":{"type":"cosign container image signature","image":{"docker-manifest-digest":"md5:1"}}}"#,
                "'md5:1' is not a sha256 or sha512 digest"
            ),
        ])
    func refusesPayloadsThatAreNotCosignSignatures(json: String, reason: String) {
        #expect(throws: TrustError.malformedPayload(reason: reason)) {
            try SimpleSigningPayload.parse(Array(json.utf8))
        }
    }

    @Test func refusesAPayloadLargerThanOneMebibyte() {
        let bytes = [UInt8](repeating: 0x20, count: SimpleSigningPayload.maximumSize + 1)
        #expect(
            throws: TrustError.malformedPayload(reason: "it is 1048577 bytes, more than the 1 MiB a payload may have")
        ) {
            try SimpleSigningPayload.parse(bytes)
        }
    }
}
