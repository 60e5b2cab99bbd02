import Testing

@testable import ReportWriters

struct JSONValueTests {
    @Test func writesObjectsInInsertionOrderWithTwoSpaceIndentation() {
        var object = JSONObject()
        object["zebra"] = .integer(1)
        object["apple"] = .array([.boolean(true), .string("x")])
        object["empty"] = .object(JSONObject())
        object["none"] = .array([])
        let text = String(decoding: JSONValue.object(object).serialized(), as: UTF8.self)
        #expect(
            text
                == "{\n  \"zebra\": 1,\n  \"apple\": [\n    true,\n    \"x\"\n  ],\n"
                + "  \"empty\": {},\n  \"none\": []\n}\n"
        )
    }

    @Test func sortsKeysByCodePointWhenAsked() {
        var object = JSONObject()
        object["b"] = .integer(2)
        object["SPDXID"] = .integer(0)
        object["a"] = .integer(1)
        let text = String(decoding: JSONValue.object(object).serialized(sortingKeys: true), as: UTF8.self)
        #expect(text == "{\n  \"SPDXID\": 0,\n  \"a\": 1,\n  \"b\": 2\n}\n")
    }

    @Test(
        "Escapes what JSON requires and nothing else",
        arguments: [
            ("quote \" backslash \\", #""quote \" backslash \\""#),
            ("line\nfeed\ttab\r", #""line\nfeed\ttab\r""#),
            ("\u{1B}[31mred\u{0}", #""\u001b[31mred\u0000""#),
            ("/slash é ü 😀", "\"/slash é ü 😀\""),
        ])
    func escaping(raw: String, expected: String) {
        #expect(String(decoding: JSONValue.string(raw).serialized(), as: UTF8.self) == expected + "\n")
    }

    @Test func leavingOutANilValueRemovesTheKey() {
        var object = JSONObject()
        object["kept"] = .string("yes")
        object["absent"] = .string(ifPresent: nil)
        object["removed"] = .integer(3)
        object["removed"] = nil
        #expect(object.members.map(\.key) == ["kept"])
    }
}
