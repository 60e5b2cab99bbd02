import Foundation
import ScanModel
import Testing

@testable import ReportWriters

struct CycloneDXReportWriterTests {
    @Test("Writes the fields CycloneDX 1.6 requires and recommends", arguments: ReportFixture.all)
    func requiredFields(fixture: ReportFixture) throws {
        let bom = try TestSupport.jsonObject(CycloneDXReportWriter().render(fixture.report))
        #expect(bom["bomFormat"] as? String == "CycloneDX")
        #expect(bom["specVersion"] as? String == "1.6")
        #expect(bom["version"] as? Int == 1)
        let serial = try #require(bom["serialNumber"] as? String)
        #expect(
            serial.wholeMatch(of: /urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}/) != nil
        )
        let metadata = try #require(bom["metadata"] as? [String: Any])
        #expect(
            metadata["timestamp"] as? String
                == (fixture.name == "root-filesystem" ? "2024-05-01T12:30:00Z" : "2024-05-01T12:00:00Z"))
        let tools = try #require((metadata["tools"] as? [String: Any])?["components"] as? [[String: Any]])
        #expect(tools.map { $0["name"] as? String } == ["plimsoll"])
        let image = try #require(metadata["component"] as? [String: Any])
        #expect(image["type"] as? String == "container")
        #expect(image["name"] as? String == fixture.report.target.repoTags.first ?? fixture.report.target.name)
        let components = try #require(bom["components"] as? [[String: Any]])
        for component in components {
            #expect(component["type"] is String)
            #expect(component["name"] is String)
        }
        let libraries = components.filter { $0["type"] as? String == "library" }
        #expect(libraries.count == fixture.report.packages.count)
        #expect(
            components.filter { $0["type"] as? String == "operating-system" }.count
                == (fixture.report.target.operatingSystem == nil ? 0 : 1))
    }

    @Test("Gives every component a unique bom-ref, and dependencies name only those", arguments: ReportFixture.all)
    func uniqueReferences(fixture: ReportFixture) throws {
        let bom = try TestSupport.jsonObject(CycloneDXReportWriter().render(fixture.report))
        let image = try #require((bom["metadata"] as? [String: Any])?["component"] as? [String: Any])
        let components = try #require(bom["components"] as? [[String: Any]])
        let references = try ([image] + components).map { try #require($0["bom-ref"] as? String) }
        #expect(Set(references).count == references.count)
        let dependencies = try #require(bom["dependencies"] as? [[String: Any]])
        #expect(dependencies.count == 1)
        #expect(dependencies[0]["ref"] as? String == references[0])
        #expect(dependencies[0]["dependsOn"] as? [String] == Array(references.dropFirst()))
    }

    @Test("Writes package URLs that parse back to the reported ones", arguments: ReportFixture.all)
    func packageURLsRoundTrip(fixture: ReportFixture) throws {
        let bom = try TestSupport.jsonObject(CycloneDXReportWriter().render(fixture.report))
        let libraries = try #require(bom["components"] as? [[String: Any]]).filter {
            $0["type"] as? String == "library"
        }
        let written = try libraries.map { library in
            let text = try #require(library["purl"] as? String)
            return try #require(PackageURL(parsing: text))
        }
        #expect(Set(written) == Set(fixture.report.packages.map(\.purl)))
    }

    @Test func recordsLayerSourceArchitectureAndEpochAsProperties() throws {
        let bom = try TestSupport.jsonObject(CycloneDXReportWriter().render(ReportFixture.rocky.report))
        let components = try #require(bom["components"] as? [[String: Any]])
        let openssl = try #require(components.first { $0["name"] as? String == "openssl-libs" })
        #expect(openssl["version"] as? String == "1:3.0.7-25.el9_3")
        let properties = try #require(openssl["properties"] as? [[String: String]])
        let pairs = Dictionary(properties.map { ($0["name"] ?? "", $0["value"] ?? "") }, uniquingKeysWith: { $1 })
        #expect(pairs["plimsoll:layer:digest"] == ReportFixture.digest("b0c0").description)
        #expect(pairs["plimsoll:layer:diffID"] == ReportFixture.digest("0b0c").description)
        #expect(pairs["plimsoll:package:sourceName"] == "openssl")
        #expect(pairs["plimsoll:package:architecture"] == "x86_64")
        #expect(pairs["plimsoll:package:epoch"] == "1")
        #expect(properties.allSatisfy { $0["name"]?.hasPrefix("plimsoll:") == true })
    }

    @Test(
        "Chooses license.id, license.name or one expression",
        arguments: [
            ([], nil),
            (["apache-2.0"], #"[{"license":{"acknowledgement":"declared","id":"Apache-2.0"}}]"#),
            (["MIT AND Zlib"], #"[{"acknowledgement":"declared","expression":"MIT AND Zlib"}]"#),
            (["MIT", "ISC OR Zlib"], #"[{"acknowledgement":"declared","expression":"MIT AND (ISC OR Zlib)"}]"#),
            (["Apache-2.0+"], #"[{"acknowledgement":"declared","expression":"Apache-2.0+"}]"#),
            (["ASL 2.0"], #"[{"license":{"acknowledgement":"declared","name":"ASL 2.0"}}]"#),
            (
                ["MIT", "Public Domain"],
                #"[{"license":{"acknowledgement":"declared","id":"MIT"}},"#
                    + #"{"license":{"acknowledgement":"declared","name":"Public Domain"}}]"#
            ),
        ] as [([String], String?)])
    func licenses(declared: [String], expected: String?) throws {
        guard let expected else {
            #expect(CycloneDXReportWriter.licenses(declared) == nil)
            return
        }
        let value = try #require(CycloneDXReportWriter.licenses(declared))
        #expect(try TestSupport.canonicalJSON(value.serialized()) == TestSupport.canonicalJSON(Array(expected.utf8)))
    }

    @Test func neverPutsAnUnlistedIdentifierInLicenseID() throws {
        for fixture in ReportFixture.all {
            let bom = try TestSupport.jsonObject(CycloneDXReportWriter().render(fixture.report))
            for component in bom["components"] as? [[String: Any]] ?? [] {
                for choice in component["licenses"] as? [[String: Any]] ?? [] {
                    if let identifier = (choice["license"] as? [String: Any])?["id"] as? String {
                        #expect(SPDXLicenseList.identifiers.contains(identifier), "\(identifier)")
                    }
                    if let expression = choice["expression"] as? String {
                        #expect(SPDXLicenseExpression(parsing: expression)?.description == expression)
                    }
                }
            }
        }
    }

    @Test func makesBomReferencesUniqueWhenPackagesCollide() throws {
        var report = ReportFixture.debian.report
        report.packages.append(report.packages[0])
        let bom = try TestSupport.jsonObject(CycloneDXReportWriter().render(report))
        let references = try #require(bom["components"] as? [[String: Any]]).compactMap { $0["bom-ref"] as? String }
        #expect(Set(references).count == references.count)
        #expect(references.contains { $0.hasSuffix("-2") })
    }

    @Test func serialNumberDependsOnTheScanAndNothingElse() throws {
        let writer = CycloneDXReportWriter()
        func serial(_ report: ScanReport) throws -> String? {
            try TestSupport.jsonObject(writer.render(report))["serialNumber"] as? String
        }
        let report = ReportFixture.debian.report
        #expect(try serial(report) == serial(report))
        var later = report
        later.createdAt = "2024-05-01T12:00:01Z"
        #expect(try serial(later) != serial(report))
        var sameMoment = report
        sameMoment.createdAt = "2024-05-01T14:00:00+02:00"
        #expect(try serial(sameMoment) == serial(report))
    }

    @Test func rejectsAReportWithoutAValidTimestamp() {
        var report = ReportFixture.debian.report
        report.createdAt = "yesterday"
        #expect(throws: ReportWriterError.invalidTimestamp("yesterday")) { try CycloneDXReportWriter().render(report) }
    }

    @Test("Does not depend on the order packages were found in", arguments: ReportFixture.all)
    func isIndependentOfPackageOrder(fixture: ReportFixture) throws {
        let writer = CycloneDXReportWriter()
        #expect(try writer.render(fixture.report) == writer.render(TestSupport.reversingPackages(fixture.report)))
    }

    /// The `vulnerabilities` of a rendered BOM, or `nil` when it has none.
    private static func vulnerabilities(_ report: ScanReport) throws -> [[String: Any]]? {
        try TestSupport.jsonObject(CycloneDXReportWriter().render(report))["vulnerabilities"] as? [[String: Any]]
    }

    @Test func listsFindingsThenListedSuppressedOnesInReportOrder() throws {
        let vulnerabilities = try #require(try Self.vulnerabilities(ReportFixture.debian.report))
        #expect(
            vulnerabilities.map { $0["id"] as? String } == [
                "CVE-2024-5535", "CVE-2024-2961", "CVE-2023-5678", "CVE-2022-3715", "CVE-2010-4756", "CVE-2023-6246",
                "CVE-2024-0727",
            ])
        #expect(try Self.vulnerabilities(ReportFixture.rootFilesystem.report) == nil)
        var scannedClean = ReportFixture.rootFilesystem.report
        scannedClean.vulnerabilities = []
        #expect(try Self.vulnerabilities(scannedClean)?.isEmpty == true)
    }

    @Test func affectsPointsAtThePackagesComponent() throws {
        let bom = try TestSupport.jsonObject(CycloneDXReportWriter().render(ReportFixture.rocky.report))
        let components = try #require(bom["components"] as? [[String: Any]])
        let vulnerabilities = try #require(bom["vulnerabilities"] as? [[String: Any]])
        for vulnerability in vulnerabilities {
            let affects = try #require(vulnerability["affects"] as? [[String: Any]])
            let reference = try #require(affects.first?["ref"] as? String)
            let component = try #require(components.first { $0["bom-ref"] as? String == reference })
            let versions = try #require(affects.first?["versions"] as? [[String: String]])
            #expect(versions == [["version": component["version"] as? String ?? "", "status": "affected"]])
        }
        let references = vulnerabilities.compactMap { ($0["affects"] as? [[String: Any]])?.first?["ref"] as? String }
        #expect(Set(references).count == 3, "the multilib twins are two components, each affected")
        let openssl = try #require(vulnerabilities.last)
        #expect(
            ((openssl["affects"] as? [[String: Any]])?.first?["versions"] as? [[String: String]])?.first?["version"]
                == "1:3.0.7-25.el9_3")
    }

    @Test func ratesWithEveryCVSSMethodAndALabelAsOther() throws {
        let rocky = try #require(try Self.vulnerabilities(ReportFixture.rocky.report))
        let iconv = try #require(rocky.first?["ratings"] as? [[String: Any]])
        #expect(iconv.map { $0["method"] as? String } == ["CVSSv4", "CVSSv31"])
        #expect(iconv.map { $0["score"] as? Double } == [8.2, 7.3])
        #expect(iconv.map { $0["severity"] as? String } == ["high", "high"])
        #expect(iconv.first?["vector"] as? String == "CVSS:4.0/AV:N/AC:L/AT:P/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N")
        let openssl = try #require(rocky.last?["ratings"] as? [[String: Any]])
        #expect(openssl.first?["method"] as? String == "CVSSv2")
        #expect(openssl.first?["severity"] as? String == "medium")

        let debian = try #require(try Self.vulnerabilities(ReportFixture.debian.report))
        let bash = try #require(
            debian.first { $0["id"] as? String == "CVE-2022-3715" }?["ratings"] as? [[String: String]])
        #expect(
            bash == [["severity": "low", "method": "other", "justification": "label 'low' from DEBIAN-CVE-2022-3715"]])
        let glob = try #require(
            debian.first { $0["id"] as? String == "CVE-2010-4756" }?["ratings"] as? [[String: String]])
        #expect(glob.first?["severity"] == "info")
    }

    @Test func namesOSVAsTheSourceAndAliasesAsReferences() throws {
        let debian = try #require(try Self.vulnerabilities(ReportFixture.debian.report))
        let iconv = try #require(debian.first { $0["id"] as? String == "CVE-2024-2961" })
        #expect(
            iconv["source"] as? [String: String] == [
                "name": "OSV", "url": "https://osv.dev/vulnerability/CVE-2024-2961",
            ])
        let references = try #require(iconv["references"] as? [[String: Any]])
        #expect(references.map { $0["id"] as? String } == ["DEBIAN-CVE-2024-2961", "GHSA-w8c6-3vq2-rh4p"])
        #expect(
            iconv["description"] as? String == "glibc: Out of bounds write in iconv may lead to remote code execution")
        #expect(iconv["recommendation"] as? String == "Upgrade libc6 to 2.36-9+deb12u7 or later.")
        #expect((iconv["advisories"] as? [[String: String]])?.count == 2)
        let glob = try #require(debian.first { $0["id"] as? String == "CVE-2010-4756" })
        #expect(glob["advisories"] == nil, "a reference that is not a URL is not an advisory link")
        #expect(glob["recommendation"] == nil)
    }

    @Test func suppressedFindingsCarryAnAnalysis() throws {
        let debian = try #require(try Self.vulnerabilities(ReportFixture.debian.report))
        let vex = try #require(debian.first { $0["id"] as? String == "CVE-2024-0727" })
        #expect(
            vex["analysis"] as? [String: String] == [
                "state": "not_affected", "justification": "code_not_reachable",
                "detail":
                    "VEX statement in vex/openssl.openvex.json: not_affected (vulnerable_code_not_in_execute_path)",
            ])
        #expect(
            ((vex["affects"] as? [[String: Any]])?.first?["versions"] as? [[String: String]])?.first?["status"]
                == "unaffected")
        let ignored = try #require(debian.first { $0["id"] as? String == "CVE-2023-6246" })
        #expect(
            ignored["analysis"] as? [String: String] == [
                "detail": "Ignored by .plimsollignore: No setuid programs in this image (until 2024-12-31)"
            ])
        #expect(debian.filter { $0["analysis"] != nil }.count == 2)
    }

    @Test(
        "Maps VEX statements to CycloneDX analyses",
        arguments: [
            ("fixed", nil, #"{"detail":"VEX statement in v.json: fixed","state":"resolved"}"#),
            (
                "not_affected", "component_not_present",
                #"{"detail":"VEX statement in v.json: not_affected (component_not_present)","#
                    + #""justification":"code_not_present","state":"not_affected"}"#
            ),
            (
                "not_affected", "The vulnerable function is never called.",
                #"{"detail":"VEX statement in v.json: not_affected. The vulnerable function is never called.","#
                    + #""state":"not_affected"}"#
            ),
            (
                "under_investigation", nil,
                #"{"detail":"VEX statement in v.json: under_investigation","state":"in_triage"}"#
            ),
        ] as [(String, String?, String)])
    func vexAnalysis(status: String, justification: String?, expected: String) throws {
        let suppression = Suppression(kind: .vex, reason: status, justification: justification, source: "v.json")
        let rendered = CycloneDXReportWriter.analysis(of: suppression).serialized()
        #expect(try TestSupport.canonicalJSON(rendered) == TestSupport.canonicalJSON(Array(expected.utf8)))
    }

    @Test func vulnerabilityReferencesDoNotCollideWithComponents() throws {
        let bom = try TestSupport.jsonObject(CycloneDXReportWriter().render(ReportFixture.rocky.report))
        let components = try #require(bom["components"] as? [[String: Any]]).compactMap { $0["bom-ref"] as? String }
        let vulnerabilities = try #require(bom["vulnerabilities"] as? [[String: Any]]).compactMap {
            $0["bom-ref"] as? String
        }
        #expect(vulnerabilities == ["CVE-2024-2961/91bc03", "CVE-2024-2961/91bc02", "CVE-2023-3817/7e57a1"])
        #expect(Set(components + vulnerabilities).count == components.count + vulnerabilities.count)
    }

    @Test("Does not depend on the order findings were made in", arguments: ReportFixture.all)
    func isIndependentOfFindingOrder(fixture: ReportFixture) throws {
        let writer = CycloneDXReportWriter()
        #expect(try writer.render(fixture.report) == writer.render(TestSupport.reversingFindings(fixture.report)))
    }

    /// The image component's `plimsoll:trust:*` properties, in order.
    private static func trustProperties(_ report: ScanReport) throws -> [String] {
        let bom = try TestSupport.jsonObject(CycloneDXReportWriter().render(report))
        let image = try #require((bom["metadata"] as? [String: Any])?["component"] as? [String: Any])
        let properties = image["properties"] as? [[String: String]] ?? []
        return properties.compactMap { property in
            guard let name = property["name"], name.hasPrefix("plimsoll:trust:") else { return nil }
            return "\(name)=\(property["value"] ?? "")"
        }
    }

    @Test(
        "Records the trust verdict as properties of the image",
        arguments: [
            (
                ReportFixture.registrySigned,
                [
                    "plimsoll:trust:reference=registry.example.com/team/app:1.4@\(ReportFixture.digest("ab12"))",
                    "plimsoll:trust:manifestDigest=\(ReportFixture.digest("ab12"))",
                    "plimsoll:trust:indexDigest=\(ReportFixture.digest("cd34"))",
                    "plimsoll:trust:pinned=true", "plimsoll:trust:digestVerified=true",
                    "plimsoll:trust:signatureStatus=verified", "plimsoll:trust:policy=registry.example.com/team",
                    "plimsoll:trust:signature:0:location=tag sha256-\(ReportFixture.digest("ab12").encoded).sig",
                    "plimsoll:trust:signature:0:key=sha256:" + String(repeating: "ef56", count: 16),
                    "plimsoll:trust:signature:0:result=verified",
                    "plimsoll:trust:signature:1:location=referrer \(ReportFixture.digest("0a0b"))",
                    "plimsoll:trust:signature:1:key=sha256:" + String(repeating: "9c8d", count: 16),
                    "plimsoll:trust:signature:1:result=wrong-key",
                ]
            ),
            (
                ReportFixture.registryUnsigned,
                [
                    "plimsoll:trust:reference=registry.example.com/team/app:1.4",
                    "plimsoll:trust:manifestDigest=\(ReportFixture.digest("ab12"))",
                    "plimsoll:trust:pinned=false", "plimsoll:trust:digestVerified=true",
                    "plimsoll:trust:signatureStatus=missing", "plimsoll:trust:policy=registry.example.com/team",
                ]
            ),
        ])
    func trustProperties(fixture: ReportFixture, expected: [String]) throws {
        #expect(try Self.trustProperties(fixture.report) == expected)
    }

    @Test func writesNoTrustPropertiesForOtherSources() throws {
        for fixture in ReportFixture.all where fixture.report.trust == nil {
            #expect(try Self.trustProperties(fixture.report).isEmpty, "\(fixture.name)")
        }
    }
}
