import Foundation
import ScanModel
import Testing

/// A secret planted in a test text, assembled at run time so no complete secret is committed.
struct PlantedSecret: Sendable, CustomTestStringConvertible {
    let ruleID: String
    let text: String
    /// The part that must never be shown (the random part of a token, a password).
    let secret: String
    let path: ImagePath

    init(_ ruleID: String, _ text: String, secret: String, path: String = "app/config.txt") {
        self.ruleID = ruleID
        self.text = text
        self.secret = secret
        self.path = ImagePath(path)
    }

    var testDescription: String { ruleID }
}

/// Deterministic pseudo-random text (xorshift), so planted tokens look random yet every run is the same.
struct RandomText {
    static let upper = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    static let lower = "abcdefghijklmnopqrstuvwxyz"
    static let digits = "0123456789"
    static let alphanumeric = upper + lower + digits
    static let base64 = alphanumeric + "+/"
    static let base64URL = alphanumeric + "-_"
    static let lowerHex = "0123456789abcdef"

    private var state: UInt64

    init(seed: UInt64) {
        state = seed &* 0x9E37_79B9_7F4A_7C15 | 1
    }

    mutating func next() -> UInt64 {
        state ^= state << 13
        state ^= state >> 7
        state ^= state << 17
        return state
    }

    mutating func string(_ alphabet: String, _ count: Int) -> String {
        let characters = Array(alphabet)
        return String((0..<count).map { _ in characters[Int(next() % UInt64(characters.count))] })
    }

    /// `count` lines of 64 base64 characters, the body of a PEM block.
    mutating func pemBody(lines count: Int) -> String {
        (0..<count).map { _ in string(Self.base64, 64) }.joined(separator: "\n")
    }

    static func base64URLEncoded(_ text: String) -> String {
        Data(text.utf8).base64EncodedString().replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }
}

extension PlantedSecret {
    /// One planted secret per built-in rule.
    static let all: [PlantedSecret] = {
        var random = RandomText(seed: 42)
        var samples: [PlantedSecret] = []
        func add(_ ruleID: String, path: String? = nil, _ make: (inout RandomText) -> (text: String, secret: String)) {
            let made = make(&random)
            samples.append(PlantedSecret(ruleID, made.text, secret: made.secret, path: path ?? "app/config.txt"))
        }
        add("PLM-SECRET-AWS-ACCESS-KEY-ID") {
            let secret = $0.string(RandomText.upper + "234567", 16)
            return ("aws_access_key_id = " + "AKIA" + secret + "\n", secret)
        }
        add("PLM-SECRET-AWS-SECRET-ACCESS-KEY") {
            let secret = $0.string(RandomText.base64, 40)
            return ("[default]\naws_secret_access_key = " + secret + "\n", secret)
        }
        add("PLM-SECRET-GCP-SERVICE-ACCOUNT-KEY", path: "app/sa.json") {
            let body = $0.pemBody(lines: 4).replacingOccurrences(of: "\n", with: "\\n")
            let text = """
                {
                  "type": "service_account",
                  "project_id": "shop-prod",
                  "private_key_id": "\($0.string(RandomText.lowerHex, 40))",
                  "private_key": "-----BEGIN PRIVATE KEY-----\\n\(body)\\n-----END PRIVATE KEY-----\\n",
                  "client_email": "deployer@shop-prod.iam.gserviceaccount.com"
                }
                """
            return (text, String(body.prefix(64)))
        }
        add("PLM-SECRET-GCP-API-KEY") {
            let secret = $0.string(RandomText.base64URL, 35)
            return ("maps_key: " + "AI" + "za" + secret, secret)
        }
        add("PLM-SECRET-AZURE-STORAGE-KEY") {
            let secret = $0.string(RandomText.base64, 86) + "=="
            return (
                "DefaultEndpointsProtocol=https;AccountName=shop;AccountKey=" + secret
                    + ";EndpointSuffix=core.windows.net", String(secret.prefix(86))
            )
        }
        add("PLM-SECRET-AZURE-SAS-TOKEN") {
            let secret = $0.string(RandomText.base64, 43)
            return (
                "https://shop.blob.core.windows.net/c/f.zip?sv=2022-11-02&ss=b&srt=o&sp=r"
                    + "&se=2030-01-01T00:00:00Z&spr=https&sig=" + secret + "%3D", secret
            )
        }
        add("PLM-SECRET-GITHUB-PAT") {
            let secret = $0.string(RandomText.alphanumeric, 36)
            return ("GITHUB_TOKEN=" + "ghp" + "_" + secret, secret)
        }
        add("PLM-SECRET-GITHUB-FINE-GRAINED-PAT") {
            let secret = $0.string(RandomText.alphanumeric, 22) + "_" + $0.string(RandomText.alphanumeric, 59)
            return ("token: " + "github" + "_pat_" + secret, secret)
        }
        add("PLM-SECRET-GITHUB-OAUTH-TOKEN") {
            let secret = $0.string(RandomText.alphanumeric, 36)
            return ("oauth=" + "gho" + "_" + secret, secret)
        }
        add("PLM-SECRET-GITHUB-APP-TOKEN") {
            let secret = $0.string(RandomText.alphanumeric, 36)
            return ("installation: " + "ghs" + "_" + secret, secret)
        }
        add("PLM-SECRET-GITLAB-TOKEN") {
            let secret = $0.string(RandomText.alphanumeric + "_-", 20)
            return ("CI_TOKEN=" + "glpat" + "-" + secret, secret)
        }
        add("PLM-SECRET-SLACK-TOKEN") {
            let secret = $0.string(RandomText.alphanumeric, 24)
            return (
                "slack: " + "xox" + "b-" + $0.string(RandomText.digits, 12) + "-" + $0.string(RandomText.digits, 13)
                    + "-" + secret, secret
            )
        }
        add("PLM-SECRET-SLACK-WEBHOOK") {
            let secret = $0.string(RandomText.alphanumeric, 24)
            return (
                "url: https://hooks.slack.com/services/T" + $0.string(RandomText.upper, 10) + "/B"
                    + $0.string(RandomText.upper, 10) + "/" + secret, secret
            )
        }
        add("PLM-SECRET-STRIPE-LIVE-KEY") {
            let secret = $0.string(RandomText.alphanumeric, 24)
            return ("stripe.api_key = '" + "sk_" + "live_" + secret + "'", secret)
        }
        add("PLM-SECRET-STRIPE-TEST-KEY") {
            let secret = $0.string(RandomText.alphanumeric, 24)
            return ("STRIPE=" + "sk_" + "test_" + secret, secret)
        }
        add("PLM-SECRET-TWILIO-API-KEY") {
            let secret = $0.string(RandomText.lowerHex, 32)
            return ("twilio key " + "S" + "K" + secret, secret)
        }
        add("PLM-SECRET-TWILIO-AUTH-TOKEN") {
            let secret = $0.string(RandomText.lowerHex, 32)
            return ("TWILIO_AUTH_TOKEN=" + secret, secret)
        }
        add("PLM-SECRET-SENDGRID-API-KEY") {
            let secret = $0.string(RandomText.base64URL, 43)
            return ("SENDGRID=" + "S" + "G." + $0.string(RandomText.base64URL, 22) + "." + secret, secret)
        }
        add("PLM-SECRET-NPM-TOKEN") {
            let secret = $0.string(RandomText.alphanumeric, 36)
            return ("NPM_TOKEN=" + "npm" + "_" + secret, secret)
        }
        add("PLM-SECRET-PYPI-TOKEN") {
            let secret = $0.string(RandomText.base64URL, 70)
            return ("TWINE_PASSWORD=" + "pypi-" + "AgEIcHlwaS5vcmc" + secret, secret)
        }
        add("PLM-SECRET-DOCKER-HUB-TOKEN") {
            let secret = $0.string(RandomText.base64URL, 27)
            return ("echo " + "dckr" + "_pat_" + secret + " | docker login", secret)
        }
        add("PLM-SECRET-HUGGING-FACE-TOKEN") {
            let secret = $0.string(RandomText.upper + RandomText.lower, 34)
            return ("HF_TOKEN=" + "hf" + "_" + secret, secret)
        }
        add("PLM-SECRET-OPENAI-API-KEY") {
            let secret = $0.string(RandomText.alphanumeric, 20)
            return (
                "OPENAI_API_KEY=" + "sk-" + "proj-" + secret + "T3Blbk" + "FJ" + $0.string(RandomText.alphanumeric, 20),
                secret
            )
        }
        add("PLM-SECRET-ANTHROPIC-API-KEY") {
            let secret = $0.string(RandomText.base64URL, 93)
            return ("ANTHROPIC_API_KEY=" + "sk-" + "ant-api03-" + secret + "AA", secret)
        }
        add("PLM-SECRET-JWT") {
            let header = RandomText.base64URLEncoded(#"{"alg":"HS256","typ":"JWT"}"#)
            let payload = RandomText.base64URLEncoded(
                #"{"sub":"svc-"# + $0.string(RandomText.lower, 8) + #"","iat":1700000000}"#)
            let secret = $0.string(RandomText.base64URL, 43)
            return ("Authorization: Bearer " + header + "." + payload + "." + secret, secret)
        }
        for (id, label) in [
            ("PLM-SECRET-PRIVATE-KEY-RSA", "RSA PRIVATE KEY"), ("PLM-SECRET-PRIVATE-KEY-EC", "EC PRIVATE KEY"),
            ("PLM-SECRET-PRIVATE-KEY-DSA", "DSA PRIVATE KEY"), ("PLM-SECRET-PRIVATE-KEY-PKCS8", "PRIVATE KEY"),
            ("PLM-SECRET-PRIVATE-KEY-ENCRYPTED", "ENCRYPTED PRIVATE KEY"),
            ("PLM-SECRET-PRIVATE-KEY-OPENSSH", "OPENSSH PRIVATE KEY"),
            ("PLM-SECRET-PRIVATE-KEY-PGP", "PGP PRIVATE KEY BLOCK"),
        ] {
            add(id, path: "app/keys/server.key") {
                let body = $0.pemBody(lines: 6)
                let header = label.hasPrefix("PGP") ? "Version: GnuPG v2\n\n" : ""
                return (
                    "-----BEGIN " + label + "-----\n" + header + body + "\n-----END " + label + "-----\n",
                    String(body.prefix(64))
                )
            }
        }
        add("PLM-SECRET-PRIVATE-KEY-PUTTY", path: "home/dev/key.ppk") {
            let secret = $0.string(RandomText.base64, 64)
            return (
                "PuTTY-User-Key-File-3: ssh-ed25519\nEncryption: none\nComment: dev\nPublic-Lines: 2\n"
                    + $0.pemBody(lines: 2) + "\nPrivate-Lines: 1\n" + secret + "\nPrivate-MAC: "
                    + $0.string(RandomText.lowerHex, 64) + "\n", secret
            )
        }
        add("PLM-SECRET-DATABASE-URL") {
            let secret = $0.string(RandomText.alphanumeric, 16)
            return ("DATABASE_URL=postgresql+psycopg2://shop:" + secret + "@db.internal:5432/shop", secret)
        }
        add("PLM-SECRET-URL-CREDENTIALS") {
            let secret = $0.string(RandomText.alphanumeric, 16)
            return ("git clone https://deploy:" + secret + "@git.internal.net/shop.git", secret)
        }
        add("PLM-SECRET-GIT-CREDENTIALS", path: "root/.git-credentials") {
            let secret = $0.string(RandomText.alphanumeric, 20)
            return ("https://builder:" + secret + "@git.internal.net\n", secret)
        }
        add("PLM-SECRET-NPMRC-AUTH", path: "root/.npmrc") {
            let secret = $0.string(RandomText.alphanumeric + "-", 36)
            return ("registry=https://npm.internal.net/\n//npm.internal.net/:_authToken=" + secret + "\n", secret)
        }
        add("PLM-SECRET-PYPIRC-PASSWORD", path: "root/.pypirc") {
            let secret = $0.string(RandomText.alphanumeric, 20)
            return (
                "[distutils]\nindex-servers = internal\n[internal]\nusername = ci\npassword = " + secret + "\n", secret
            )
        }
        add("PLM-SECRET-DOCKER-CONFIG-AUTH", path: "root/.docker/config.json") {
            let secret = $0.string(RandomText.alphanumeric, 18)
            let auth = Data(("ci:" + secret).utf8).base64EncodedString()
            return (#"{"auths": {"registry.internal.net": {"auth": ""# + auth + #""}}}"#, secret)
        }
        add("PLM-SECRET-NETRC-PASSWORD", path: "root/.netrc") {
            let secret = $0.string(RandomText.alphanumeric, 16)
            return ("machine api.internal.net login bot password " + secret + "\n", secret)
        }
        add("PLM-SECRET-KUBECONFIG-TOKEN", path: "root/.kube/config") {
            let secret = $0.string(RandomText.alphanumeric, 40)
            return ("apiVersion: v1\nkind: Config\nusers:\n- name: admin\n  user:\n    token: " + secret + "\n", secret)
        }
        add("PLM-SECRET-KUBECONFIG-CLIENT-KEY", path: "etc/app/cluster.yaml") {
            let secret = $0.string(RandomText.base64, 200)
            return ("users:\n- name: admin\n  user:\n    client-key-data: " + secret + "\n", secret)
        }
        add("PLM-SECRET-GENERIC-PASSWORD", path: "app/.env.production") {
            let secret = $0.string(RandomText.alphanumeric + "!#%", 16)
            return ("DB_PASSWORD=\"" + secret + "\"\n", secret)
        }
        add("PLM-SECRET-GENERIC-SECRET", path: "app/settings.py") {
            let secret = $0.string(RandomText.alphanumeric, 40)
            return ("SECRET_KEY = \"" + secret + "\"\n", secret)
        }
        return samples
    }()
}
