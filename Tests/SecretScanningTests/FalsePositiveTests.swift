import ScanModel
import Testing

@testable import SecretScanning

/// Texts that look like secrets to a naive scanner and must give no finding.
struct FalsePositiveTests {
    static let awsDocumentationKeyID = "AKIA" + "IOSFODNN7" + "EXAMPLE"
    static let awsDocumentationSecret = "wJalrXUtnFEMI/K7MDENG/" + "bPxRfiCYEXAMPLEKEY"
    static let jwtTutorialToken =
        RandomText.base64URLEncoded(#"{"alg":"HS256","typ":"JWT"}"#) + "."
        + RandomText.base64URLEncoded(#"{"sub":"1234567890","name":"John Doe","iat":1516239022}"#) + "."
        + "SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c"

    static let controls: [(String, String)] = [
        ("app/config.ini", "password = changeme\n"),
        ("app/config.yaml", "password: ${DB_PASSWORD}\ntoken: '{{ vault_token }}'\n"),
        ("app/config.xml", "<password>&lt;password&gt;</password>\npassword=<password>\n"),
        ("app/.env.example", "PASSWORD=xxxxxxxx\nAPI_TOKEN=your_token_here\nSECRET_KEY=replace-with-a-secret\n"),
        (
            "app/docs.txt",
            "aws_access_key_id = \(awsDocumentationKeyID)\naws_secret_access_key = \(awsDocumentationSecret)\n"
        ),
        ("app/all-same.txt", "GITHUB_TOKEN=ghp_" + String(repeating: "x", count: 36) + "\n"),
        ("app/repeated.txt", "token=ghp_" + String(repeating: "a1B2", count: 9) + "\n"),
        ("app/prefix.py", "GITHUB_PREFIXES = (\"ghp_\", \"gho_\", \"ghs_\", \"github_pat_\", \"glpat-\", \"xoxb-\")\n"),
        ("app/hashes.txt", "sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08\n"),
        ("var/lib/dpkg/info/bash.md5sums", "b1946ac92492d2347c6235b4d2611184  usr/bin/bash\n"),
        ("app/ids.txt", "request_id = 550e8400-e29b-41d4-a716-446655440000\nsession_token_id: 7\n"),
        ("app/data.b64", "VGhlIHF1aWNrIGJyb3duIGZveCBqdW1wcyBvdmVyIHRoZSBsYXp5IGRvZw==\n"),
        (
            "app/models.py",
            """
            class User:
                def set_password(self, raw_password):
                    password = self.password
                    token = request.headers.get("X-Token")
                    secret = os.environ["SECRET"]
                    api_key = settings.API_KEY
                    if password == other_password:
                        return token_from_env
                    password_hash = make_password(raw_password)
                    tokenizer = "bert-base-uncased"

            """
        ),
        ("app/parse.py", "if line.startswith(\"-----BEGIN RSA PRIVATE KEY-----\"):\n    kind = 'rsa'\n"),
        ("app/urls.txt", "https://user:password@proxy.internal\npostgres://postgres:postgres@localhost/db\n"),
        ("app/format.py", "url = \"mysql://%s:%s@%s/%s\" % (user, password, host, db)\n"),
        ("app/tutorial.md", "Authorization: Bearer \(jwtTutorialToken)\n"),
        ("etc/login.defs", "PASS_MAX_DAYS\t99999\nPASS_MIN_DAYS\t0\nPASS_WARN_AGE\t7\nENCRYPT_METHOD SHA512\n"),
        (
            "etc/ssh/sshd_config",
            "#PasswordAuthentication yes\nPermitEmptyPasswords no\nKbdInteractiveAuthentication no\n"
        ),
        (
            "etc/pam.d/common-password",
            "password\t[success=1 default=ignore]\tpam_unix.so obscure yescrypt\npassword\trequisite\tpam_deny.so\n"
        ),
        ("etc/adduser.conf", "DSHELL=/bin/bash\nDHOME=/home\nSKEL=/etc/skel\nPASSWD_HASH=yescrypt\n"),
        ("etc/debconf.conf", "Name: passwords\nDriver: File\nMode: 600\nFilename: /var/cache/debconf/passwords.dat\n"),
        ("app/az.txt", "AccountKey=\(String(repeating: "A", count: 86))==\n"),
        ("app/code.go", "var Password string = cfg.Password\nconst tokenHeader = \"X-Auth-Token\"\n"),
        ("app/env.txt", "PWD=/home/dev/src/project\nOLDPWD=/home/dev/src/other\n"),
        (
            "etc/sudoers.d/app",
            "app ALL=(ALL) NOPASSWD: /usr/bin/systemctl restart app\nDefaults:app NOPASSWD=Zq8Lm2Xp9R\n"
        ),
        (
            "usr/lib/python3/dist-packages/pip/_internal/models/index.py",
            "# https://abc:Zq8Lm2Xp9@example.com/simple\n# http://user:Zq8Lm2Xp9@sub.example.com:8080\n"
                + "url = 'https://user:Zq8Lm2Xp9@pypi.company.com'\ncvs -d :pserver:anonymous@cvs://:Zq8Lm2Xp9@cvs.org:\n"
        ),
        (
            "usr/lib/ruby/3.1.0/uri/generic.rb",
            "    #   uri.password = \"V3ry_S3nsit1ve\"\n        passwd = \"anonymous@\"\n"
        ),
        ("app/k8s.yaml", "env:\n- name: DB_PASSWORD\n  valueFrom:\n    secretKeyRef: {name: db, key: password}\n"),
    ]

    @Test("Gives no finding for look-alikes", arguments: controls)
    func noFinding(path: String, text: String) {
        let result = SecretScanner().scan(bytes: Array(text.utf8), path: ImagePath(path))
        #expect(result.findings.isEmpty, "\(result.findings.map { "\($0.ruleID) \($0.match)" })")
    }

    @Test(
        "Placeholders are recognised",
        arguments: [
            "changeme", "${DB_PASSWORD}", "<password>", "xxxxxxxx", "your_password_here", "example-key", "********",
            "{{ secret }}", "%(password)s", "@DB_PASS@", "null", "a1B2a1B2a1B2",
        ])
    func placeholder(value: String) {
        #expect(PlaceholderGuard.isPlaceholder(value))
    }

    @Test("Real-looking values are not placeholders", arguments: ["S3cr3t!Pa55w0rd", "k8Jq2LmX9vRt4Wz1"])
    func notPlaceholder(value: String) {
        #expect(!PlaceholderGuard.isPlaceholder(value))
    }
}
