import ScanModel
import Testing

@testable import SecretScanning

struct FilesystemHygieneTests {
    static func ruleIDs(
        _ path: String, _ kind: LayerEntry.Kind = .regularFile, mode: UInt32, user: Int = 0, group: Int = 0,
        packaged: Bool = false
    ) -> [String] {
        let entry = LayerEntry(path: ImagePath(path), kind: kind, mode: mode, userID: user, groupID: group)
        return FilesystemHygiene.findings(for: entry, isOwnedByOSPackage: packaged).map(\.ruleID)
    }

    @Test func setuidAndSetgidOutsidePackages() {
        #expect(Self.ruleIDs("usr/local/bin/helper", mode: 0o4755) == ["PLM-SECRET-FS-SETUID"])
        #expect(Self.ruleIDs("usr/local/bin/helper", mode: 0o2755) == ["PLM-SECRET-FS-SETGID"])
        #expect(Self.ruleIDs("usr/bin/passwd", mode: 0o4755, packaged: true).isEmpty)
        #expect(Self.ruleIDs("opt/data/file", mode: 0o4644).isEmpty)  // Not executable: the bit does nothing.
    }

    @Test func worldWritableFilesAndFolders() {
        #expect(Self.ruleIDs("etc/app.conf", mode: 0o666) == ["PLM-SECRET-FS-WORLD-WRITABLE"])
        #expect(Self.ruleIDs("opt/app/cache", .directory, mode: 0o777) == ["PLM-SECRET-FS-WORLD-WRITABLE"])
        #expect(Self.ruleIDs("tmp/x", mode: 0o666).isEmpty)
        #expect(Self.ruleIDs("var/tmp", .directory, mode: 0o1777).isEmpty)
        #expect(Self.ruleIDs("opt/shared", .directory, mode: 0o1777).isEmpty)
        #expect(Self.ruleIDs("usr/bin/link", .symbolicLink(target: "x"), mode: 0o777).isEmpty)
    }

    @Test func rootOwnedFilesWritableByAnotherGroup() {
        #expect(Self.ruleIDs("etc/app.conf", mode: 0o664, group: 50) == ["PLM-SECRET-FS-ROOT-OWNED-WRITABLE"])
        #expect(Self.ruleIDs("var/mail", .directory, mode: 0o2775, group: 8, packaged: true).isEmpty)
        #expect(Self.ruleIDs("home/app/file", mode: 0o664, user: 1000, group: 1000).isEmpty)
    }

    @Test func severityRisesForRootOwnedWorldWritableFiles() {
        let entry = LayerEntry(path: ImagePath("etc/cron.d/job"), kind: .regularFile, mode: 0o666)
        #expect(FilesystemHygiene.findings(for: entry, isOwnedByOSPackage: false).map(\.severity) == [.high])
    }
}
