import Testing

@testable import Ecosystems

struct MavenPOMTests {
    private func coordinates(_ text: String) -> String? {
        MavenPOM(Array(text.utf8)).coordinates.map { "\($0.group):\($0.artifact):\($0.version)" }
    }

    @Test(
        "Reads a project's coordinates",
        arguments: [
            ("<project><groupId>g</groupId><artifactId>a</artifactId><version>1</version></project>", "g:a:1"),
            // Inherited from the parent.
            (
                "<project><parent><groupId>p</groupId><version>2</version></parent><artifactId>a</artifactId></project>",
                "p:a:2"
            ),
            // Namespaces, attributes, CDATA, entities and comments.
            (
                "<pom:project a='>' xmlns:pom=\"x\"><pom:groupId>g</pom:groupId><!-- <version>9</version> -->"
                    + "<artifactId><![CDATA[a]]></artifactId><version>1&#46;0&amp;x</version></pom:project>",
                "g:a:1.0&x"
            ),
            // Property references, nested, and the project.* names.
            (
                "<project><groupId>g</groupId><artifactId>${name}</artifactId><version>${project.parent.version}"
                    + "</version><parent><version>${base}-1</version></parent><properties><name>a</name>"
                    + "<base>3</base></properties></project>",
                "g:a:3-1"
            ),
            // Dependencies' coordinates are not the project's.
            (
                "<project><dependencies><dependency><groupId>x</groupId><artifactId>y</artifactId><version>1"
                    + "</version></dependency></dependencies><groupId>g</groupId><artifactId>a</artifactId>"
                    + "<version>5</version></project>",
                "g:a:5"
            ),
        ])
    func reads(text: String, expected: String) {
        #expect(coordinates(text) == expected)
    }

    @Test(
        "Gives nothing rather than a wrong answer",
        arguments: [
            "<project><groupId>g</groupId><artifactId>a</artifactId></project>",
            "<project><groupId>g</groupId><artifactId>a</artifactId><version>${x}</version></project>",
            // A reference cycle does not loop.
            "<project><groupId>g</groupId><artifactId>a</artifactId><version>${x}</version><properties><x>${x}</x>"
                + "</properties></project>",
            "<project><groupId>g</groupId><artifactId>a</artifactId><version>1</version",
            "", "\u{0}\u{1}\u{2}garbage<<<>>>", "<!DOCTYPE [", "<![CDATA[ never ends",
        ])
    func rejects(text: String) {
        #expect(coordinates(text) == nil)
    }

    @Test func doesNotExpandDocumentTypeEntities() {
        let text = """
            <?xml version="1.0"?>
            <!DOCTYPE project [ <!ENTITY a "aaaaaaaaaa"> <!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"> ]>
            <project><groupId>g</groupId><artifactId>a</artifactId><version>&b;</version></project>
            """
        #expect(coordinates(text) == "g:a:&b;")
    }

    @Test func stopsAtTheNestingLimit() {
        let deep = String(repeating: "<x>", count: 100_000)
        #expect(coordinates("<project><groupId>g</groupId>" + deep) == nil)
        #expect(MavenPOM(Array(deep.utf8)).groupID == nil)
    }

    @Test func aPropertyCannotGrowWithoutBound() {
        let text =
            "<project><groupId>g</groupId><artifactId>a</artifactId><version>${x}</version><properties>"
            + "<x>${y}${y}</x><y>${z}${z}</y><z>" + String(repeating: "9", count: 400) + "</z></properties></project>"
        #expect(coordinates(text) == nil)
    }
}
