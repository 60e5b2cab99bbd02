import PackageAnalysis
import ScanModel
import Testing
import VulnerabilityMatching

@testable import Ecosystems

struct GemSpecificationAnalyzerTests {
    static let rackPath = ImagePath("usr/local/bundle/specifications/rack-2.2.8.gemspec")

    /// The head of `rack` 2.2.8's specification as RubyGems 3.4 writes it on `gem install`.
    static let rackSpecification = """
        # -*- encoding: utf-8 -*-
        # stub: rack 2.2.8 ruby lib

        Gem::Specification.new do |s|
          s.name = "rack".freeze
          s.version = "2.2.8"

          s.required_rubygems_version = Gem::Requirement.new(">= 0".freeze) if s.respond_to? :required_rubygems_version=
          s.metadata = { "bug_tracker_uri" => "https://github.com/rack/rack/issues" } if s.respond_to? :metadata=
          s.require_paths = ["lib".freeze]
          s.authors = ["Leah Neukirchen".freeze]
          s.date = "2023-07-31"
          s.licenses = ["MIT".freeze]
          s.rubygems_version = "3.4.10".freeze
          s.summary = "A modular Ruby webserver interface.".freeze

          s.installed_by_version = "3.4.10" if s.respond_to? :installed_by_version
        end
        """

    @Test func readsAnInstalledSpecification() async throws {
        let file = AnalyzedFile(path: Self.rackPath, contents: Array(Self.rackSpecification.utf8))
        let result = try await GemSpecificationAnalyzer().analyze(file)
        #expect(
            result.packages == [
                InstalledPackage(
                    name: "rack", version: "2.2.8", ecosystem: .gem, licenses: ["MIT"], path: Self.rackPath)
            ])
    }

    @Test func readsOtherBlockVariablesAndQuotes() throws {
        let text = """
            Gem::Specification.new do |spec|
              spec.name    = 'json'
              spec.version = '2.6.3'
              spec.license = 'Ruby'
            end
            """
        let package = try GemSpecificationAnalyzer.package(from: Array(text.utf8), path: Self.rackPath)
        #expect(package.name == "json" && package.version == "2.6.3" && package.licenses == ["Ruby"])
    }

    @Test func fallsBackToTheStubLine() throws {
        let text = "# stub: bigdecimal 3.1.4 ruby lib\nGem::Specification.new do |s|\nend\n"
        let package = try GemSpecificationAnalyzer.package(from: Array(text.utf8), path: Self.rackPath)
        #expect(package.name == "bigdecimal" && package.version == "3.1.4")
    }

    @Test func keepsTheArchitectureOfANativeGem() throws {
        let text = """
            # stub: nokogiri 1.15.4 x86_64-linux lib
            Gem::Specification.new do |s|
              s.name = "nokogiri".freeze
              s.version = "1.15.4"
              s.platform = "x86_64-linux".freeze
            end
            """
        let native = try GemSpecificationAnalyzer.package(from: Array(text.utf8), path: Self.rackPath)
        #expect(native.architecture == "x86_64-linux" && native.version == "1.15.4")
        let stubOnly = "# stub: racc 1.7.3 java lib\n"
        #expect(
            try GemSpecificationAnalyzer.package(from: Array(stubOnly.utf8), path: Self.rackPath).architecture == "java"
        )
        let rack = try GemSpecificationAnalyzer.package(from: Array(Self.rackSpecification.utf8), path: Self.rackPath)
        #expect(rack.architecture == nil)
    }

    @Test func reportsSpecificationsWithoutANameOrVersion() {
        #expect(throws: RubyGemsError.missingName) {
            try GemSpecificationAnalyzer.package(from: Array("puts 'hello'\n".utf8), path: Self.rackPath)
        }
        #expect(throws: RubyGemsError.missingVersion(name: "half")) {
            try GemSpecificationAnalyzer.package(
                from: Array("Gem::Specification.new do |s|\n  s.name = \"half\"\nend\n".utf8), path: Self.rackPath)
        }
    }

    @Test(
        "Is interested in specifications in a gems folder only",
        arguments: [
            ("usr/local/bundle/specifications/rack-2.2.8.gemspec", true),
            ("var/lib/gems/3.1.0/specifications/rake-13.0.6.gemspec", true),
            ("usr/local/lib/ruby/gems/3.2.0/specifications/default/json-2.6.3.gemspec", true),
            ("usr/src/app/rack.gemspec", false),
            ("specifications/rack.gemspec", false),
            ("usr/local/bundle/gems/rack-2.2.8/rack.gemspec", false),
            ("usr/local/bundle/specifications/rack-2.2.8.gemspec.orig", false),
        ])
    func interest(path: String, expected: Bool) {
        #expect(GemSpecificationAnalyzer().isInterested(in: ImagePath(path)) == expected)
    }

    @Test func matchesAdvisoriesByNameInRubyGemsOrdering() throws {
        let matcher = try #require(Ecosystem.rubyGems.matcher)
        let package = InstalledPackage(name: "rack", version: "2.2.6.2", ecosystem: .gem, path: Self.rackPath)
        #expect(
            matcher.queries(for: package, operatingSystem: nil) == [AdvisoryQuery(ecosystem: "RubyGems", name: "rack")])
        let affected = AffectedPackage(
            ecosystem: "RubyGems", name: "rack",
            ranges: [AffectedRange(type: .ecosystem, events: [.introduced("2.2.0"), .fixed("2.2.6.3")])])
        #expect(matcher.decision(for: package, against: affected) != .notAffected)
        var fixed = package
        fixed.version = "2.2.8"
        #expect(matcher.decision(for: fixed, against: affected) == .notAffected)
        var prerelease = package
        prerelease.version = "2.2.6.3.pre"
        #expect(matcher.decision(for: prerelease, against: affected) != .notAffected)
    }

    @Test func writesGemPackageURLs() {
        let package = InstalledPackage(name: "activesupport", version: "7.1.2", ecosystem: .gem, path: Self.rackPath)
        #expect(PackageURLFactory.purl(for: package, operatingSystem: nil).description == "pkg:gem/activesupport@7.1.2")
    }

    @Test func isRegistered() {
        #expect(EcosystemCatalog.all.map(\.id).contains(.gem))
        let names = EcosystemCatalog.analyzers.map(\.identity.name)
        #expect(names.contains("gem-specification") && names.contains("gemfile-lock"))
    }
}
