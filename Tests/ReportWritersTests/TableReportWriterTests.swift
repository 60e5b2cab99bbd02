import ReportWriters
import ScanModel
import Testing

struct TableReportWriterTests {
    @Test func headerSummarizesTheImage() throws {
        let lines = TestSupport.text(try TableReportWriter().render(ReportFixture.debian.report)).split(separator: "\n")
        #expect(
            Array(lines.prefix(6)) == [
                "Target:    docker-archive:debian-12.tar",
                "Image ID:  4f1c4f1c4f1c",
                "OS:        Debian GNU/Linux 12 (bookworm)",
                "Platform:  linux/amd64",
                "Layers:    2",
                "Packages:  4",
            ])
    }

    @Test func rowsAreSortedByTypeThenNameWithSourceAndLayer() throws {
        let text = TestSupport.text(try TableReportWriter().render(ReportFixture.debian.report))
        let rows = text.split(separator: "\n").drop { !$0.hasPrefix("NAME") }
        #expect(
            Array(rows) == [
                "NAME        VERSION           TYPE  SOURCE           LAYER",
                "base-files  12.4+deb12u5      deb   -                0 d1e2d1e2d1e2",
                "bash        5.2.15-2+b7       deb   bash (5.2.15-2)  0 d1e2d1e2d1e2",
                "libc6       2.36-9+deb12u4    deb   glibc            0 d1e2d1e2d1e2",
                "libssl3     3.0.11-1~deb12u2  deb   openssl          1 a7b8a7b8a7b8",
            ])
    }

    @Test func showsRPMEpochsInVersions() throws {
        let text = TestSupport.text(try TableReportWriter().render(ReportFixture.rocky.report))
        #expect(text.contains("openssl-libs  1:3.0.7-25.el9_3  "))
    }

    @Test func truncatesLongCellsWithAnEllipsis() throws {
        var report = ReportFixture.debian.report
        report.packages[0].name = String(repeating: "n", count: 50)
        let text = TestSupport.text(try TableReportWriter(maximumColumnWidth: 12).render(report))
        #expect(text.contains("\nnnnnnnnnnnn…  "))
        #expect(!text.contains(String(repeating: "n", count: 13)))
    }

    @Test func neutralizesControlCharactersFromTheImage() throws {
        var report = ReportFixture.debian.report
        report.packages[0].name = "evil\u{1B}]0;pwned\u{07}"
        report.warnings = ["bad\u{1B}[2Jwarning"]
        let text = TestSupport.text(try TableReportWriter().render(report))
        #expect(!text.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" })
        #expect(text.contains("evil?]0;pwned?"))
        #expect(text.contains("  - bad?[2Jwarning"))
    }

    @Test func reportsNoPackagesAndIndentsMultiLineWarnings() throws {
        let text = TestSupport.text(try TableReportWriter().render(ReportFixture.rootFilesystem.report))
        #expect(text.contains("Image ID:  -\nOS:        -\n"))
        #expect(text.contains("\nNo packages found.\n"))
        #expect(
            text.hasSuffix(
                "Warnings (2):\n  - var/lib/dpkg/status: line 12: a field continues before any field starts\n"
                    + "  - two entries for usr/bin/env in one layer;\n    the later one was used\n"))
    }

    @Test func linesHaveNoTrailingSpaces() throws {
        for fixture in ReportFixture.all {
            let text = TestSupport.text(try TableReportWriter().render(fixture.report))
            #expect(!text.split(separator: "\n").contains { $0.hasSuffix(" ") }, "\(fixture.name)")
        }
    }
}
