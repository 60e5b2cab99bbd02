import Testing

@testable import ImageTrust

@Test func unreadableKeyNamesTheFile() {
    #expect(TrustError.unreadableKey(path: "k.pub", reason: "not PEM").description.contains("k.pub"))
}
