import Testing

@testable import ReportWriters

struct NameBasedUUIDTests {
    @Test(
        "Hashes the FIPS 180-4 test vectors",
        arguments: [
            ("", "da39a3ee5e6b4b0d3255bfef95601890afd80709"),
            ("abc", "a9993e364706816aba3e25717850c26c9cd0d89d"),
            ("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", "84983e441c3bd26ebaae4aa1f95129e5e54670f1"),
            (String(repeating: "a", count: 1_000), "291e9a6c66994949b57ba5e650361e98fc36b1ba"),
        ])
    func sha1(message: String, expected: String) {
        let hex = SHA1.hash(Array(message.utf8)).map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined()
        #expect(hex == expected)
    }

    /// Expected values from Python's `uuid.uuid5(uuid.NAMESPACE_URL, name)`.
    @Test(
        "Matches other version-5 implementations",
        arguments: [
            ("https://example.com", "4fd35a71-71ef-5a55-a9d9-aa75c889a6d0"),
            ("plimsoll", "00947785-cf67-5bd5-8a25-cb1a3a7ed9b3"),
        ])
    func version5(name: String, expected: String) {
        #expect(NameBasedUUID(name: name).description == expected)
    }
}
