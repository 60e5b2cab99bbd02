import Foundation
import ScanModel
import Testing

/// Reads `Fixtures/<folder>/<name>` from the test bundle.
func fixtureBytes(_ name: String, in folder: String) throws -> [UInt8] {
    let url = try #require(
        Bundle.module.url(forResource: name, withExtension: nil, subdirectory: "Fixtures/\(folder)"),
        "missing fixture \(folder)/\(name)")
    return Array(try Data(contentsOf: url))
}

/// Reads `Fixtures/<folder>/<name>` as UTF-8 text.
func fixtureText(_ name: String, in folder: String) throws -> String {
    String(decoding: try fixtureBytes(name, in: folder), as: UTF8.self)
}

/// A digest made of one repeated hex digit, for tests that need distinct valid digests.
func digest(repeating character: Character) -> Digest {
    Digest(algorithm: .sha256, encoded: String(repeating: character, count: 64))
}
