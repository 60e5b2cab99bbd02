import ArgumentParser
import ScanModel
import ScanPipeline

/// Which scanners run (`--scanners`), and how the secret scanner looks.
struct ScannerCommandOptions: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            "What to look for, comma-separated: vuln (packages and their vulnerabilities), secret (secrets, "
                + "sensitive files, certificates, file permissions), config (image configuration, history, base image, "
                + "binary hardening; off by default). `--scanners secret` runs the secret scan alone.",
            valueName: "scanners"))
    var scanners = "vuln,secret"

    @Option(
        help: ArgumentHelp(
            "A YAML configuration file: its `hardening:` section adjusts the config scanner's rules, its `secrets:` "
                + "section the secret scanner's (unless --secret-config names another file).",
            valueName: "file"))
    var config: String?

    @Flag(help: "With the config scanner, do not check executables and shared objects for PIE, NX, RELRO and the like.")
    var skipBinaryHardening = false

    @Option(help: "A YAML file whose `secrets:` section adds rules, disables rules and allow-lists paths or values.")
    var secretConfig: String?

    @Option(help: "Files larger than this many bytes are not searched for secrets (the report counts them).")
    var secretMaxFileSize: Int64 = 10 << 20

    @Flag(help: "Also report secrets in files that an OS package installed.")
    var secretsInOSPackages = false

    enum Scanner: String, CaseIterable {
        case vuln, secret, config
    }

    /// The scanners named, or a validation error naming the unknown one.
    func selected() throws -> Set<Scanner> {
        var selected: Set<Scanner> = []
        for word in scanners.split(separator: ",") {
            let word = word.trimmingCharacters(in: .whitespaces).lowercased()
            guard let scanner = Scanner(rawValue: word == "vulnerability" || word == "package" ? "vuln" : word) else {
                throw ValidationError(
                    "--scanners: unknown scanner '\(word)'; expected vuln or secret (or config, the hardening checks)")
            }
            selected.insert(scanner)
        }
        guard !selected.isEmpty else { throw ValidationError("--scanners: name at least one of vuln, secret, config") }
        return selected
    }

    func validate() throws {
        _ = try selected()
        guard secretMaxFileSize > 0 else { throw ValidationError("--secret-max-file-size must be positive") }
    }

    /// The secret options, or `nil` when the secret scanner does not run.
    ///
    /// - Throws: the configuration file's error, naming the file.
    func secretOptions() throws -> SecretOptions? {
        guard try selected().contains(.secret) else { return nil }
        var options = SecretOptions(maximumFileSize: secretMaxFileSize, includesOSPackageFiles: secretsInOSPackages)
        if let file = secretConfig ?? config { options.ruleSet = try SecretOptions.loading(configurationFile: file) }
        return options
    }

    /// The hardening options, or `nil` when the config scanner does not run.
    ///
    /// - Throws: the configuration file's error, naming the file.
    func hardeningOptions() throws -> HardeningOptions? {
        guard try selected().contains(.config) else { return nil }
        var options = HardeningOptions(checksBinaries: !skipBinaryHardening)
        if let config { options.configuration = try HardeningOptions.loading(configurationFile: config) }
        return options
    }

    /// `options` adjusted to the scanners: without `vuln`, the report lists no packages and only the OS package
    /// analyzers run (their file lists still decide which files belong to packages).
    func apply(to options: inout ScanOptions) throws {
        options.secrets = try secretOptions()
        options.hardening = try hardeningOptions()
        if try !selected().contains(.vuln) {
            options.reportsPackages = false
            options.packageTypes = try PackageTypeSelection(parsing: ["os"])
        }
    }
}
