import ScanModel
import Testing

@testable import SecretScanning

struct SensitiveFilesTests {
    static func ruleIDs(_ path: String, _ text: String) -> [String] {
        SensitiveFiles.findings(for: ImagePath(path), contents: Array(text.utf8)).map(\.ruleID)
    }

    @Test(
        "Recognises sensitive files by name",
        arguments: [
            ("root/.ssh/id_rsa", "PLM-SECRET-FILE-SSH-PRIVATE-KEY"),
            ("home/dev/.ssh/id_ed25519", "PLM-SECRET-FILE-SSH-PRIVATE-KEY"),
            ("etc/ssh/ssh_host_ecdsa_key", "PLM-SECRET-FILE-SSH-HOST-KEY"),
            ("opt/app/client.p12", "PLM-SECRET-FILE-PKCS12"), ("opt/app/server.pfx", "PLM-SECRET-FILE-PKCS12"),
            ("infra/terraform.tfstate", "PLM-SECRET-FILE-TERRAFORM-STATE"),
            ("infra/terraform.tfstate.backup", "PLM-SECRET-FILE-TERRAFORM-STATE"),
            ("root/.bash_history", "PLM-SECRET-FILE-SHELL-HISTORY"),
            ("root/.psql_history", "PLM-SECRET-FILE-SHELL-HISTORY"),
            ("root/.python_history", "PLM-SECRET-FILE-SHELL-HISTORY"),
        ])
    func byName(path: String, ruleID: String) {
        #expect(SensitiveFiles.mayBeSensitive(ImagePath(path)))
        #expect(Self.ruleIDs(path, "content\n") == [ruleID])
    }

    @Test(
        "Public keys and empty files are not sensitive",
        arguments: ["root/.ssh/id_rsa.pub", "etc/ssh/ssh_host_rsa_key.pub"])
    func publicKeys(path: String) {
        #expect(Self.ruleIDs(path, "ssh-rsa AAAA\n").isEmpty)
        #expect(Self.ruleIDs("root/.ssh/id_rsa", "").isEmpty)
    }

    @Test func shadowReportsHashesAndEmptyPasswordsNotLockedAccounts() {
        let shadow = """
            root:$6$salt$hash...:19000:0:99999:7:::
            daemon:*:19000:0:99999:7:::
            nobody:!:19000::::::
            locked:!!:19000::::::
            guest::19000:0:99999:7:::
            """
        let findings = SensitiveFiles.findings(for: ImagePath("etc/shadow"), contents: Array(shadow.utf8))
        #expect(findings.map(\.ruleID) == ["PLM-SECRET-FILE-SHADOW-HASH", "PLM-SECRET-FILE-SHADOW-EMPTY-PASSWORD"])
        #expect(findings.map(\.line) == [1, 5])
        #expect(findings.map(\.match) == ["root:****", "guest:"])
        #expect(findings.allSatisfy { $0.category == .sensitiveFile })
    }

    @Test func htpasswdEntries() {
        let findings = SensitiveFiles.findings(
            for: ImagePath("var/www/.htpasswd"), contents: Array("# users\nadmin:$apr1$abc$def\n".utf8))
        #expect(findings.map(\.line) == [2])
        #expect(findings.map(\.match) == ["admin:****"])
    }

    @Test func dotenvWithValuesButNotTemplates() {
        #expect(
            Self.ruleIDs("app/.env", "# settings\nexport API_URL=https://api.internal\n") == ["PLM-SECRET-FILE-DOTENV"])
        #expect(Self.ruleIDs("app/.env", "# only comments\nEMPTY=\nPLACEHOLDER=changeme\n").isEmpty)
        #expect(Self.ruleIDs("app/.env.example", "API_URL=https://api.internal\n").isEmpty)
    }
}
