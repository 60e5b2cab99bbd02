/// A package-manager command that installs packages, read from a shell command.
struct PackageInstallation: Equatable {
    enum Manager: String {
        case aptGet = "apt-get"
        case apk
        case pip
        case npm
        case yum
        case dnf
    }

    var manager: Manager
    /// The package arguments, options removed.
    var packages: [String]
    /// The option words (`--no-install-recommends`, `-y`).
    var options: [String]

    /// Options that take the next word as their value, per manager.
    private static let valueOptions: [Manager: Set<String>] = [
        .aptGet: ["-o", "-t", "--target-release", "-c", "--config-file"],
        .apk: ["-t", "--virtual", "-X", "--repository", "--root", "-p", "--arch", "--cache-dir", "--keys-dir"],
        .pip: [
            "-r", "--requirement", "-c", "--constraint", "-e", "--editable", "-i", "--index-url",
            "--extra-index-url", "-f", "--find-links", "-t", "--target", "--prefix", "--root", "--trusted-host",
            "--platform", "--python-version", "--implementation", "--abi", "--progress-bar", "--src", "--cache-dir",
            "--upgrade-strategy", "--no-binary", "--only-binary", "--log", "--timeout", "--retries", "--proxy",
            "--config-settings", "-C",
        ],
        .npm: ["--prefix", "--registry", "--cache", "--tag", "--loglevel"],
        .yum: ["--setopt", "--enablerepo", "--disablerepo", "--installroot", "--releasever"],
        .dnf: ["--setopt", "--enablerepo", "--disablerepo", "--installroot", "--releasever"],
    ]

    /// The installation `command` performs, if it installs packages.
    init?(_ command: ShellScript.Command) {
        var words = command.unprivilegedWords[...]
        guard let first = words.first else { return nil }
        let program = first.split(separator: "/").last.map(String.init) ?? first
        words = words.dropFirst()
        let manager: Manager
        let verbs: Set<String>
        switch program {
        case "apt-get", "apt":
            (manager, verbs) = (.aptGet, ["install"])
        case "apk":
            (manager, verbs) = (.apk, ["add"])
        case _ where ["pip", "pip3", "pip2"].contains(program) || program.hasPrefix("pip3."):
            (manager, verbs) = (.pip, ["install"])
        case _ where ["python", "python3", "python2"].contains(program) || program.hasPrefix("python3."):
            guard words.count >= 2, words.first == "-m", words.dropFirst().first.map({ $0.hasPrefix("pip") }) == true
            else { return nil }
            words = words.dropFirst(2)
            (manager, verbs) = (.pip, ["install"])
        case "npm":
            (manager, verbs) = (.npm, ["install", "i", "add"])
        case "yum", "microdnf":
            (manager, verbs) = (.yum, ["install"])
        case "dnf":
            (manager, verbs) = (.dnf, ["install"])
        default:
            return nil
        }
        let takesValue = Self.valueOptions[manager] ?? []
        var options: [String] = []
        var packages: [String] = []
        var sawVerb = false
        var skipNext = false
        for word in words {
            if skipNext {
                skipNext = false
                options.append(word)
                continue
            }
            if word.hasPrefix("-") {
                options.append(word)
                if takesValue.contains(word) { skipNext = true }
                continue
            }
            if !sawVerb {
                guard verbs.contains(word) else { return nil }
                sawVerb = true
                continue
            }
            packages.append(word)
        }
        guard sawVerb else { return nil }
        self.manager = manager
        self.packages = packages
        self.options = options
    }

    /// Whether an option is present, by any of its spellings.
    func hasOption(_ spellings: String...) -> Bool {
        options.contains { option in spellings.contains { option == $0 || option.hasPrefix($0 + "=") } }
    }

    /// The packages not pinned to a version; words holding a variable, paths and archives count as pinned, since
    /// what they install cannot be told from the Dockerfile.
    var unpinnedPackages: [String] {
        if manager == .npm, !hasOption("-g", "--global") { return [] }
        return packages.filter { package in
            guard !package.contains("$"), !package.isEmpty else { return false }
            switch manager {
            case .aptGet:
                return !package.contains("=") && !package.hasSuffix(".deb") && !package.hasPrefix("/")
                    && !package.hasPrefix("./")
            case .apk:
                return !package.contains("=") && !package.contains("<") && !package.contains(">")
                    && !package.hasSuffix(".apk") && !package.hasPrefix(".")
            case .pip:
                let markers = ["==", ">=", "<=", "~=", "!=", "<", ">", "@", "://"]
                return !markers.contains { package.contains($0) } && !package.hasPrefix(".") && !package.hasPrefix("/")
                    && !package.hasSuffix(".whl") && !package.hasSuffix(".tar.gz") && !package.hasSuffix(".zip")
            case .npm:
                let name = package.hasPrefix("@") ? package.dropFirst() : package[...]
                return !name.contains("@") && !package.hasPrefix(".") && !package.hasPrefix("/")
                    && !package.contains("://") && !package.hasSuffix(".tgz") && !package.contains("#")
            case .yum, .dnf:
                return false
            }
        }
    }
}

extension ShellScript {
    /// Every package installation the script performs.
    var installations: [PackageInstallation] { commands.compactMap(PackageInstallation.init) }

    /// Whether a command runs `program` with `argument` among its arguments (`apt-get upgrade`).
    func runs(_ program: String, with arguments: Set<String>) -> Bool {
        commands.contains { command in
            let words = command.unprivilegedWords
            guard let first = words.first, (first.split(separator: "/").last.map(String.init) ?? first) == program
            else { return false }
            return words.dropFirst().contains { arguments.contains($0) }
        }
    }
}
