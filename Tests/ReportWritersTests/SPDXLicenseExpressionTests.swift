import Foundation
import Testing

@testable import ReportWriters

struct SPDXLicenseExpressionTests {
    @Test(
        "Normalizes valid expressions",
        arguments: [
            ("MIT", "MIT"),
            ("mit", "MIT"),
            ("apache-2.0", "Apache-2.0"),
            ("GPL-2.0+", "GPL-2.0+"),
            ("Apache-2.0+", "Apache-2.0+"),
            ("MIT AND BSD-3-Clause", "MIT AND BSD-3-Clause"),
            ("bsd-2-clause and bsd-3-clause", "BSD-2-Clause AND BSD-3-Clause"),
            ("(MIT)", "MIT"),
            ("(MIT OR Apache-2.0) AND Zlib", "(MIT OR Apache-2.0) AND Zlib"),
            ("MIT OR Apache-2.0 AND Zlib", "MIT OR Apache-2.0 AND Zlib"),
            ("MIT OR (Apache-2.0 AND Zlib)", "MIT OR Apache-2.0 AND Zlib"),
            ("(MIT AND Zlib) AND ISC", "MIT AND Zlib AND ISC"),
            ("GPL-2.0-only WITH Linux-syscall-note", "GPL-2.0-only WITH Linux-syscall-note"),
            ("gpl-3.0-or-later with classpath-exception-2.0", "GPL-3.0-or-later WITH Classpath-exception-2.0"),
            ("LicenseRef-my.license-1", "LicenseRef-my.license-1"),
            ("DocumentRef-other:LicenseRef-x", "DocumentRef-other:LicenseRef-x"),
            ("  MIT\tOR\nISC  ", "MIT OR ISC"),
        ])
    func normalizes(input: String, expected: String) throws {
        #expect(try #require(SPDXLicenseExpression(parsing: input)).description == expected)
    }

    @Test(
        "Rejects what is not an SPDX expression",
        arguments: [
            "", "   ", "GPLv2+", "ASL 2.0", "MIT and ASL 2.0", "Public Domain", "custom:lua", "BSD", "MIT AND",
            "AND MIT", "(MIT", "MIT)", "MIT OR OR ISC", "MIT WITH", "MIT WITH GPL-2.0+",
            "(MIT OR ISC) WITH LLVM-exception",
            "LicenseRef-", "LicenseRef-a_b", "DocumentRef-:LicenseRef-x", "MIT/X11", "WITH",
        ])
    func rejects(input: String) {
        #expect(SPDXLicenseExpression(parsing: input) == nil)
    }

    @Test func singleListedIdentifierIsOnlyForOneListedLicense() throws {
        #expect(try #require(SPDXLicenseExpression(parsing: "gpl-2.0+")).singleListedIdentifier == "GPL-2.0+")
        #expect(try #require(SPDXLicenseExpression(parsing: "Apache-2.0+")).singleListedIdentifier == nil)
        #expect(try #require(SPDXLicenseExpression(parsing: "LicenseRef-x")).singleListedIdentifier == nil)
        #expect(try #require(SPDXLicenseExpression(parsing: "MIT OR ISC")).singleListedIdentifier == nil)
    }

    @Test func conjunctionParenthesizesAlternatives() throws {
        let parts = try ["MIT OR ISC", "Zlib", "BSD-2-Clause AND BSD-3-Clause"].map {
            try #require(SPDXLicenseExpression(parsing: $0))
        }
        #expect(
            SPDXLicenseExpression.conjunction(parts)?.description
                == "(MIT OR ISC) AND Zlib AND BSD-2-Clause AND BSD-3-Clause")
        #expect(SPDXLicenseExpression.conjunction([]) == nil)
    }

    /// The generated list must be the one in the schema CycloneDX validates `license.id` against.
    @Test func licenseListMatchesTheCycloneDXSchema() throws {
        let url = try TestSupport.schemasDirectory().appendingPathComponent("spdx.schema.json")
        let schema = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
        let identifiers = try #require(schema["enum"] as? [String])
        #expect(Set(identifiers) == Set(SPDXLicenseList.identifiers))
        let comment = try #require(schema["$comment"] as? String)
        #expect(comment.hasSuffix("-\(SPDXLicenseList.version).0") || comment.hasSuffix("-\(SPDXLicenseList.version)"))
    }
}
