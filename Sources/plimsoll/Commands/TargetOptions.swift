import ArgumentParser
import ScanModel
import ScanPipeline

/// Options naming the image to read, shared by every command that reads one.
struct TargetOptions: ParsableArguments {
    @Argument(
        help: ArgumentHelp(
            "The image: docker-archive:PATH, oci-layout:DIR[:TAG|@DIGEST], oci-archive:PATH, dir:PATH, or a registry "
                + "reference ([registry:]HOST/REPOSITORY[:TAG][@sha256:DIGEST])."))
    var target: String

    @Option(help: "The image to read from an archive that holds several (NAME:TAG).")
    var image: String?

    @Option(help: "The platform to read from a multi-platform index (os/arch[/variant]).")
    var platform: String?

    @Option(
        name: .customLong("package-types"),
        help: ArgumentHelp(
            "The package types to report, comma-separated: os, library, or purl types (deb, apk, rpm, pypi, npm, "
                + "golang, maven, cargo, gem, composer, nuget). Analyzers of unselected languages do not run.",
            valueName: "types"))
    var packageTypes: [String] = []

    @OptionGroup var registryOptions: RegistryCommandOptions

    func validate() throws {
        _ = try packageTypeSelection()
    }

    /// The `--package-types` selection; every type when the option is absent.
    func packageTypeSelection() throws -> PackageTypeSelection {
        guard !packageTypes.isEmpty else { return .all }
        do {
            return try PackageTypeSelection(parsing: packageTypes)
        } catch {
            throw ValidationError("--package-types: \(error)")
        }
    }

    /// The scan's options; reads the registry password from standard input when asked.
    func scanOptions() throws -> ScanOptions {
        ScanOptions(
            target: target, image: image, platform: platform, packageTypes: (try? packageTypeSelection()) ?? .all,
            registry: try registryOptions.settings().options())
    }
}

/// Runs a scan and turns any failure into one line on standard error and exit status 2.
func runScan(_ options: ScanOptions, advisories: AdvisorySource? = nil) async throws -> ScanReport {
    do {
        return try await ImageScanner().scan(options, advisories: advisories)
    } catch let failure as TrustGateFailure {
        throw failure
    } catch {
        printError("\(error)")
        throw ExitCode(2)
    }
}

/// Writes a rendered report to `output`, or to standard output.
func deliver(_ bytes: [UInt8], to output: String?) throws {
    guard let output else {
        ReportOutput.writeToStandardOutput(bytes)
        return
    }
    do {
        try ReportOutput.write(bytes, toFile: output)
    } catch {
        printError("\(error)")
        throw ExitCode(2)
    }
}

func printError(_ message: String) {
    var standardError = StandardError()
    print("plimsoll: \(message)", to: &standardError)
}

/// Standard error as a `TextOutputStream`.
struct StandardError: TextOutputStream {
    mutating func write(_ string: String) {
        FileHandleOutput.standardError(string)
    }
}
