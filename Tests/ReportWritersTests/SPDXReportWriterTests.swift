import Foundation
import ScanModel
import Testing

@testable import ReportWriters

struct SPDXReportWriterTests {
    @Test("Writes the document fields SPDX 2.3 requires", arguments: ReportFixture.all)
    func requiredFields(fixture: ReportFixture) throws {
        let document = try TestSupport.jsonObject(SPDXReportWriter().render(fixture.report))
        #expect(document["spdxVersion"] as? String == "SPDX-2.3")
        #expect(document["dataLicense"] as? String == "CC0-1.0")
        #expect(document["SPDXID"] as? String == "SPDXRef-DOCUMENT")
        #expect(document["name"] as? String == fixture.report.target.repoTags.first ?? fixture.report.target.name)
        let namespace = try #require(document["documentNamespace"] as? String)
        #expect(namespace.hasPrefix("https://spdx.org/spdxdocs/plimsoll/"))
        #expect(!namespace.contains("#"))
        #expect(URL(string: namespace) != nil)
        let creationInfo = try #require(document["creationInfo"] as? [String: Any])
        let created = try #require(creationInfo["created"] as? String)
        #expect(created.wholeMatch(of: /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z/) != nil)
        #expect(creationInfo["creators"] as? [String] == ["Tool: plimsoll-0.1.0"])
        let packages = try #require(document["packages"] as? [[String: Any]])
        for package in packages {
            #expect(package["name"] is String)
            #expect(package["downloadLocation"] as? String == "NOASSERTION")
            #expect(package["filesAnalyzed"] as? Bool == false)
            #expect(package["supplier"] as? String == "NOASSERTION")
        }
        let expectedCount = 1 + (fixture.report.target.operatingSystem == nil ? 0 : 1) + fixture.report.packages.count
        #expect(packages.count == expectedCount)
    }

    @Test("Gives every element a well-formed, unique SPDXID that relationships use", arguments: ReportFixture.all)
    func identifiers(fixture: ReportFixture) throws {
        let document = try TestSupport.jsonObject(SPDXReportWriter().render(fixture.report))
        let packages = try #require(document["packages"] as? [[String: Any]])
        let identifiers = try packages.map { try #require($0["SPDXID"] as? String) }
        for identifier in identifiers {
            #expect(identifier.wholeMatch(of: /SPDXRef-[A-Za-z0-9.\-]+/) != nil, "\(identifier)")
        }
        #expect(Set(identifiers + ["SPDXRef-DOCUMENT"]).count == identifiers.count + 1)
        let relationships = try #require(document["relationships"] as? [[String: String]])
        #expect(
            relationships.first == [
                "spdxElementId": "SPDXRef-DOCUMENT", "relationshipType": "DESCRIBES",
                "relatedSpdxElement": identifiers[0],
            ])
        let contained = relationships.dropFirst()
        #expect(contained.allSatisfy { $0["spdxElementId"] == identifiers[0] && $0["relationshipType"] == "CONTAINS" })
        #expect(contained.compactMap { $0["relatedSpdxElement"] } == Array(identifiers.dropFirst()))
    }

    @Test("Writes package URLs that parse back to the reported ones", arguments: ReportFixture.all)
    func packageURLsRoundTrip(fixture: ReportFixture) throws {
        let document = try TestSupport.jsonObject(SPDXReportWriter().render(fixture.report))
        let packages = try #require(document["packages"] as? [[String: Any]])
        let locators = packages.dropFirst().flatMap { package in
            (package["externalRefs"] as? [[String: String]] ?? []).filter { $0["referenceType"] == "purl" }
        }
        #expect(locators.allSatisfy { $0["referenceCategory"] == "PACKAGE-MANAGER" })
        let written = try locators.map { try #require(PackageURL(parsing: $0["referenceLocator"] ?? "")) }
        #expect(Set(written) == Set(fixture.report.packages.map(\.purl)))
    }

    @Test func declaresOnlyValidExpressionsAndListsEveryLicenseRef() throws {
        let document = try TestSupport.jsonObject(SPDXReportWriter().render(ReportFixture.rocky.report))
        let packages = try #require(document["packages"] as? [[String: Any]])
        let declared = Dictionary(
            packages.compactMap { package in
                (package["licenseDeclared"] as? String).map { (package["name"] as? String ?? "", $0) }
            },
            uniquingKeysWith: { first, _ in first })
        #expect(declared["openssl-libs"] == "LicenseRef-ASL-2.0")
        #expect(declared["tzdata"] == "LicenseRef-Fedora-Public-Domain")
        #expect(declared["rocky"] == nil)
        let extracted = try #require(document["hasExtractedLicensingInfos"] as? [[String: String]])
        let listed = Set(extracted.compactMap { $0["licenseId"] })
        for expression in declared.values where expression != "NOASSERTION" {
            let parsed = try #require(SPDXLicenseExpression(parsing: expression), "\(expression)")
            #expect(parsed.description == expression)
            for match in expression.matches(of: /LicenseRef-[A-Za-z0-9.\-]+/) {
                #expect(listed.contains(String(match.output)))
            }
        }
        let asl = try #require(extracted.first { $0["licenseId"] == "LicenseRef-ASL-2.0" })
        #expect(asl["extractedText"] == "ASL 2.0")
    }

    @Test func declaresNoAssertionWithoutLicensesAndNormalizesValidOnes() throws {
        let document = try TestSupport.jsonObject(SPDXReportWriter().render(ReportFixture.debian.report))
        let packages = try #require(document["packages"] as? [[String: Any]])
        let declared = Dictionary(
            packages.map { ($0["name"] as? String ?? "", $0["licenseDeclared"] as? String ?? "") },
            uniquingKeysWith: { first, _ in first })
        #expect(declared["libssl3"] == "NOASSERTION")
        #expect(declared["libc6"] == "LGPL-2.1-or-later AND GPL-2.0-or-later WITH Linux-syscall-note")
        #expect(document["hasExtractedLicensingInfos"] == nil)
    }

    @Test func licenseRefsStayDistinctForDistinctTexts() {
        var licenses = ExtractedLicenses()
        #expect(licenses.reference(for: "GPLv2+") == "LicenseRef-GPLv2plus")
        #expect(licenses.reference(for: "GPLv2") == "LicenseRef-GPLv2")
        #expect(licenses.reference(for: "ASL 2.0") == "LicenseRef-ASL-2.0")
        #expect(licenses.reference(for: "ASL/2.0") == "LicenseRef-ASL-2.0-2")
        #expect(licenses.reference(for: "ASL 2.0") == "LicenseRef-ASL-2.0")
        #expect(licenses.entries.count == 4)
    }

    @Test func definesTheLicenseRefsPackageDatabasesWrite() {
        var licenses = ExtractedLicenses()
        #expect(licenses.declaredExpression(for: ["ASL 2.0"]) == "LicenseRef-ASL-2.0")
        #expect(
            licenses.declaredExpression(for: ["LicenseRef-Fedora-Public-Domain AND mit"])
                == "LicenseRef-Fedora-Public-Domain AND MIT")
        // A database reference equal to a generated one gets its own identifier, not the other's meaning.
        #expect(licenses.declaredExpression(for: ["LicenseRef-ASL-2.0"]) == "LicenseRef-ASL-2.0-2")
        #expect(licenses.declaredExpression(for: ["DocumentRef-x:LicenseRef-y"]) == "DocumentRef-x:LicenseRef-y")
        #expect(
            licenses.entries.map(\.identifier) == [
                "LicenseRef-ASL-2.0", "LicenseRef-Fedora-Public-Domain", "LicenseRef-ASL-2.0-2",
            ])
        #expect(licenses.entries[1].name == "Fedora-Public-Domain")
        #expect(licenses.entries[1].extractedText == "LicenseRef-Fedora-Public-Domain AND mit")
    }

    @Test func sanitizesIdentifiersAndKeepsThemUnique() throws {
        var report = ReportFixture.rocky.report
        report.packages.append(report.packages[0])
        report.packages[0].name = "weird name/with:chars"
        let document = try TestSupport.jsonObject(SPDXReportWriter().render(report))
        let identifiers = try #require(document["packages"] as? [[String: Any]]).compactMap { $0["SPDXID"] as? String }
        #expect(identifiers.contains("SPDXRef-Package-rpm-weird-name-with-chars-7e57a1"))
        #expect(Set(identifiers).count == identifiers.count)
    }

    @Test func namespaceIsDeterministicAndFollowsTheConfiguredBase() throws {
        let writer = SPDXReportWriter(namespaceBase: "https://sbom.example.com/spdx/", creatorOrganization: "Example")
        let first = try TestSupport.jsonObject(writer.render(ReportFixture.alpine.report))
        let second = try TestSupport.jsonObject(writer.render(ReportFixture.alpine.report))
        let namespace = try #require(first["documentNamespace"] as? String)
        #expect(namespace == second["documentNamespace"] as? String)
        #expect(namespace.hasPrefix("https://sbom.example.com/spdx/docker.io-library-alpine-3.19-"))
        let creators = (first["creationInfo"] as? [String: Any])?["creators"] as? [String]
        #expect(creators == ["Tool: plimsoll-0.1.0", "Organization: Example"])
    }

    @Test("Does not depend on the order packages were found in", arguments: ReportFixture.all)
    func isIndependentOfPackageOrder(fixture: ReportFixture) throws {
        let writer = SPDXReportWriter()
        #expect(try writer.render(fixture.report) == writer.render(TestSupport.reversingPackages(fixture.report)))
    }

    /// The annotations of the image package (the first package).
    private static func imageAnnotations(_ report: ScanReport) throws -> [[String: String]]? {
        let document = try TestSupport.jsonObject(SPDXReportWriter().render(report))
        let image = try #require((document["packages"] as? [[String: Any]])?.first)
        #expect(image["primaryPackagePurpose"] as? String == "CONTAINER")
        return image["annotations"] as? [[String: String]]
    }

    @Test(
        "States the trust verdict in one annotation on the image",
        arguments: [
            (
                ReportFixture.registrySigned,
                "Trust verdict for registry.example.com/team/app:1.4@\(ReportFixture.digest("ab12")): signature "
                    + "verified (1 of 2 signatures; key sha256:ef56ef56ef56…; policy registry.example.com/team), "
                    + "pinned by digest"
            ),
            (
                ReportFixture.registryUnsigned,
                "Trust verdict for registry.example.com/team/app:1.4: NOT TRUSTED — signature missing (none found "
                    + "for \(ReportFixture.digest("ab12")); policy registry.example.com/team), not pinned"
            ),
        ])
    func trustAnnotation(fixture: ReportFixture, comment: String) throws {
        let annotations = try #require(try Self.imageAnnotations(fixture.report))
        #expect(
            annotations == [
                [
                    "annotationDate": "2024-05-01T12:00:00Z", "annotationType": "OTHER",
                    "annotator": "Tool: plimsoll-0.1.0", "comment": comment,
                ]
            ])
    }

    @Test func keepsTheAnnotationOnOneLine() throws {
        var report = ReportFixture.registrySigned.report
        report.trust?.policy = "two\nlines"
        let comment = try #require(try Self.imageAnnotations(report)?.first?["comment"])
        #expect(!comment.contains("\n"))
    }

    @Test func writesNoAnnotationsForOtherSources() throws {
        for fixture in ReportFixture.all where fixture.report.trust == nil {
            #expect(try Self.imageAnnotations(fixture.report) == nil, "\(fixture.name)")
        }
    }
}
