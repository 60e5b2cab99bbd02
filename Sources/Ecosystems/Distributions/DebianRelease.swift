/// Facts about Debian releases that its release files leave implicit.
enum DebianRelease {
    /// The codename of each major release (Debian's `debian_version` gives only the number).
    static let codenamesByMajorVersion: [String: String] = [
        "6": "squeeze", "7": "wheezy", "8": "jessie", "9": "stretch", "10": "buster", "11": "bullseye",
        "12": "bookworm", "13": "trixie", "14": "forky", "15": "duke",
    ]
}
