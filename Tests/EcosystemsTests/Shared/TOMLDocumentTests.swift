import Testing

@testable import Ecosystems

struct TOMLDocumentTests {
    @Test func readsTablesArraysOfTablesAndTheirSubTables() throws {
        let text = """
            # comment
            version = 1
            requires-python = ">=3.12"

            [[package]]
            name = "anyio"
            version = "4.6.0"
            source = { registry = "https://pypi.org/simple" }
            dependencies = [
                { name = "idna" },  # trailing comment
                { name = "sniffio", marker = "python_version < '3.13'" },
            ]

            [package.optional-dependencies]
            trio = [{ name = "trio" }]

            [[package]]
            'name' = 'literal'
            "version" = "1.0\\u00e9"
            description = \"\"\"
            first line
            second "quoted" line\"\"\"
            notes = '''
            raw \\n'''
            flag = true
            count = +3

            [metadata]
            files.hash = "abc"
            """
        let document = TOMLDocument.parse(Array(text.utf8))
        #expect(document.problems.isEmpty)
        #expect(document.tables[0]["version"] == .scalar("1"))
        #expect(document.tables[0]["requires-python"] == .string(">=3.12"))
        let packages = document.elements(of: "package")
        #expect(packages.count == 2)
        let anyio = try #require(packages.first)
        #expect(anyio.table.line == 5)
        #expect(anyio.table["source"]?["registry"] == .string("https://pypi.org/simple"))
        #expect(anyio.table["dependencies"]?.arrayValue?.compactMap { $0["name"]?.stringValue } == ["idna", "sniffio"])
        #expect(anyio.subtable("optional-dependencies")?["trio"]?.arrayValue?.count == 1)
        let literal = try #require(packages.last)
        #expect(literal.table["name"] == .string("literal"))
        #expect(literal.table["version"] == .string("1.0é"))
        #expect(literal.table["description"] == .string("first line\nsecond \"quoted\" line"))
        #expect(literal.table["notes"] == .string("raw \\n"))
        #expect(literal.table["flag"] == .scalar("true"))
        #expect(literal.subtables.isEmpty)
        #expect(document.tables.last?["files.hash"] == .string("abc"))
    }

    @Test(
        "A damaged line is a problem with its number, and reading resumes at the next table",
        arguments: [
            (
                "name = \"unterminated\nversion = \"1\"\n[[package]]\nname = \"b\"\n", 1,
                "a string without its closing quote"
            ),
            ("[[package\nname = \"a\"\n[[package]]\nname = \"b\"\n", 1, "a table header without its closing ']'"),
            ("list = [1, 2\n  3]\n[[package]]\nname = \"b\"\n", 1, "expected ',' or ']' in an array"),
            ("x = { a = 1 \n[[package]]\nname = \"b\"\n", 1, "expected ',' or '}' in an inline table"),
            ("just words\n[[package]]\nname = \"b\"\n", 1, "expected '=' after the key 'just'"),
            ("a = \"x\\q\"\n[[package]]\nname = \"b\"\n", 1, "an invalid escape '\\q' in a string"),
            ("a = 1 2\n[[package]]\nname = \"b\"\n", 1, "unexpected text after a value"),
            (
                "a = 1\nb = \"\"\"never closed\n[[package]]\nname = \"b\"\n", 2,
                "a multi-line string without its closing \"\"\""
            ),
        ])
    func damagedLine(text: String, line: Int, reason: String) {
        let document = TOMLDocument.parse(Array(text.utf8))
        #expect(document.problems == [TOMLDocument.Problem(line: line, reason: reason)])
        let isUnclosedMultiline = reason.contains("multi-line")
        #expect(
            document.elements(of: "package").map { $0.table["name"] } == (isUnclosedMultiline ? [] : [.string("b")]))
    }

    @Test func nestingIsBounded() {
        let deep = "a = " + String(repeating: "[", count: 100_000) + "\n[[package]]\nname = \"b\"\n"
        let document = TOMLDocument.parse(Array(deep.utf8))
        #expect(
            document.problems == [TOMLDocument.Problem(line: 1, reason: "arrays and inline tables nest deeper than 32")]
        )
        #expect(document.elements(of: "package").count == 1)
        let inline = "a = " + String(repeating: "{ b = ", count: 40) + "1" + String(repeating: " }", count: 40)
        #expect(TOMLDocument.parse(Array(inline.utf8)).problems.count == 1)
    }

    @Test func keepsAtMostTwentyProblemsAndCountsTheRest() {
        let text = String(repeating: "[garbage\n", count: 50)
        let document = TOMLDocument.parse(Array(text.utf8))
        #expect(document.problems.count == TOMLDocument.maximumProblems)
        #expect(document.omittedProblemCount == 30)
        #expect(document.warnings(for: "/p").last == "/p: 30 more lines could not be read")
        #expect(document.warnings(for: "/p").first == "/p:1: a table header without its closing ']'")
    }

    @Test func aLongLineIsReadInLinearTime() {
        let long = "a = \"" + String(repeating: "x", count: 10 << 20) + "\"\n[[package]]\nname = \"b\"\n"
        let document = TOMLDocument.parse(Array(long.utf8))
        #expect(document.problems.isEmpty)
        #expect(document.tables[0]["a"]?.stringValue?.utf8.count == 10 << 20)
    }
}
