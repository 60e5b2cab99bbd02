import Testing

@testable import SecretScanning

struct KeywordAutomatonTests {
    static func matches(_ automaton: KeywordAutomaton, in text: String) -> [String] {
        var found: [String] = []
        let bytes = Array(text.utf8)
        bytes.withUnsafeBufferPointer { buffer in
            automaton.forEachMatch(in: buffer) { keyword, end in
                found.append("\(String(decoding: automaton.keywords[keyword], as: UTF8.self))@\(end)")
                return true
            }
        }
        return found
    }

    @Test func findsOverlappingAndNestedKeywordsInOrder() {
        let automaton = KeywordAutomaton(keywords: ["he", "she", "his", "hers"].map { Array($0.utf8) })
        #expect(Self.matches(automaton, in: "ushers") == ["she@4", "he@4", "hers@6"])
    }

    @Test func foldsASCIICase() {
        let automaton = KeywordAutomaton(keywords: [Array("Password".utf8)])
        #expect(
            Self.matches(automaton, in: "PASSWORD password PaSsWoRd") == ["password@8", "password@17", "password@26"])
    }

    @Test("Agrees with a naive search on pseudo-random text", arguments: [1, 2, 3, 4, 5])
    func agreesWithNaiveSearch(seed: UInt64) {
        var random = RandomText(seed: seed)
        let keywords = (0..<20).map { _ in random.string("abAB", Int(random.next() % 4) + 1) }
        let text = random.string("abcAB", 2_000)
        let automaton = KeywordAutomaton(keywords: keywords.map { Array($0.utf8) })
        let bytes = Array(text.lowercased().utf8)
        var expected: [String] = []
        for end in 1...bytes.count {
            for keyword in automaton.keywords
            where keyword.count <= end && Array(bytes[(end - keyword.count)..<end]) == keyword {
                expected.append("\(String(decoding: keyword, as: UTF8.self))@\(end)")
            }
        }
        #expect(Self.matches(automaton, in: text).sorted() == expected.sorted())
    }

    @Test func stopsWhenAsked() {
        let automaton = KeywordAutomaton(keywords: [Array("a".utf8)])
        var count = 0
        Array("aaaaaaaa".utf8).withUnsafeBufferPointer { buffer in
            automaton.forEachMatch(in: buffer) { _, _ in
                count += 1
                return count < 3
            }
        }
        #expect(count == 3)
    }
}
