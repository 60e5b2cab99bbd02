import Testing

@testable import ScanModel

struct PackageTypeSelectionTests {
    @Test(
        "Reads groups, purl types and language names",
        arguments: [
            (["os"], [EcosystemID.dpkg, .apk, .rpm]),
            (["deb,npm"], [.dpkg, .npm]),
            (["os", "pypi"], [.dpkg, .apk, .rpm, .pypi]),
            (["Go, java"], [.golang, .maven]),
            (["library"], [.pypi, .npm, .golang, .maven, .cargo, .gem, .composer, .nuget]),
        ])
    func parsing(words: [String], expected: [EcosystemID]) throws {
        #expect(try PackageTypeSelection(parsing: words).types == Set(expected))
    }

    @Test func everyTypeIsInAll() {
        #expect(EcosystemID.allCases.allSatisfy(PackageTypeSelection.all.contains))
        #expect(PackageTypeSelection.all.includesLanguagePackages)
        #expect(!(try! PackageTypeSelection(parsing: ["os"])).includesLanguagePackages)
    }

    @Test("Rejects unknown words and empty lists", arguments: [["os,snap"], [""], [",,"]])
    func rejection(words: [String]) {
        #expect(throws: PackageTypeSelectionError.self) { try PackageTypeSelection(parsing: words) }
    }

    @Test func theErrorNamesTheWord() {
        #expect(throws: PackageTypeSelectionError.unknownType("snap")) { try PackageTypeSelection(parsing: ["snap"]) }
    }
}
