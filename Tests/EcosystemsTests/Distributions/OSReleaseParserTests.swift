import Testing

@testable import Ecosystems

struct OSReleaseParserTests {
    @Test(
        "Unquotes values as os-release(5) says",
        arguments: [
            (#"NAME=debian"#, "debian"),
            (#"NAME="Debian GNU/Linux 12 (bookworm)""#, "Debian GNU/Linux 12 (bookworm)"),
            (#"NAME='Alpine Linux'"#, "Alpine Linux"),
            (#"NAME="Say \"hi\" \\ \$HOME \`x\`""#, #"Say "hi" \ $HOME `x`"#),
            (#"NAME="keeps \n as is""#, #"keeps \n as is"#),
            (#"NAME='no \"escapes\" here'"#, #"no \"escapes\" here"#),
            (#"NAME=unquoted\ with\ escapes"#, "unquoted with escapes"),
            (#"NAME="joined"'words'"#, "joinedwords"),
            (#"NAME="value" # trailing comment"#, "value"),
            (#"NAME=Lenient Unquoted Words"#, "Lenient Unquoted Words"),
            (#"NAME="unterminated"#, "unterminated"),
            (#"NAME="""#, ""),
            (#" NAME = "spaces around" "#, "spaces around"),
            (#"export NAME=exported"#, "exported"),
        ])
    func unquotes(line: String, expected: String) {
        #expect(OSReleaseParser.assignments(in: line)["NAME"] == expected)
    }

    @Test func skipsCommentsBlankLinesAndNonAssignments() {
        let text = """
            # This is a comment
               # indented comment

            ID=fedora
            not an assignment
            BAD KEY=x
            =novalue
            VERSION_ID=39\r
            ID=fedora-again
            """
        #expect(OSReleaseParser.assignments(in: text) == ["ID": "fedora-again", "VERSION_ID": "39"])
    }
}
