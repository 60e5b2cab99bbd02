import ContainerImage
import Foundation
import PackageAnalysis
import ScanModel
import SecretScanning
import Yams

/// How secrets are looked for.
public struct SecretOptions: Sendable {
    /// The rules and allow-lists: the built-in ones, or those a configuration file adjusts.
    public var ruleSet: SecretRuleSet
    /// Files larger than this are not searched; the report counts them.
    public var maximumFileSize: Int64
    /// Also report secrets in files that an OS package installed (off: a distribution's own files are its vendor's
    /// business, and their sample keys are the main source of false alarms).
    public var includesOSPackageFiles: Bool

    public init(
        ruleSet: SecretRuleSet = .builtIn, maximumFileSize: Int64 = 10 << 20, includesOSPackageFiles: Bool = false
    ) {
        self.ruleSet = ruleSet
        self.maximumFileSize = maximumFileSize
        self.includesOSPackageFiles = includesOSPackageFiles
    }

    /// The options with the rules of the YAML configuration file at `path` (its `secrets:` section).
    ///
    /// - Throws: `SecretConfigurationFileError` naming the file and what is wrong with it.
    public static func loading(configurationFile path: String) throws -> SecretRuleSet {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw SecretConfigurationFileError(path: path, reason: "cannot be read")
        }
        struct File: Decodable { var secrets: SecretConfiguration? }
        let configuration: SecretConfiguration
        do {
            configuration = try YAMLDecoder().decode(File.self, from: text).secrets ?? SecretConfiguration()
        } catch {
            throw SecretConfigurationFileError(path: path, reason: "is not a valid configuration (\(error))")
        }
        do {
            return try SecretRuleSet.configured(by: configuration)
        } catch {
            throw SecretConfigurationFileError(path: path, reason: "\(error)")
        }
    }
}

/// A secret-scanning configuration file that cannot be used.
public struct SecretConfigurationFileError: Error, CustomStringConvertible {
    public var path: String
    public var reason: String

    public var description: String { "\(path): \(reason)" }
}

/// Gathers the secret findings of a scan: the files of every layer (those a later layer deleted or replaced are
/// marked recoverable), the image configuration and history, and the file permissions worth a finding.
struct SecretStage {
    var options: SecretOptions

    /// The analyzer the layer walk runs.
    var analyzer: SecretAnalyzer {
        SecretAnalyzer(ruleSet: options.ruleSet, maximumFileSize: options.maximumFileSize)
    }

    /// Masks the secrets in the image's history lines, in the configuration and in each layer's `createdBy`, and
    /// returns what was found in them (paths `history:N`, N counting every history entry).
    func redactHistory(of image: inout LoadedImage) -> [SecretFinding] {
        guard var history = image.configuration?.history else { return [] }
        let scanner = SecretScanner(ruleSet: options.ruleSet)
        var findings: [SecretFinding] = []
        var layerIndex = 0
        for index in history.indices {
            let isEmptyLayer = history[index].emptyLayer == true
            defer { if !isEmptyLayer { layerIndex += 1 } }
            guard let line = history[index].createdBy else { continue }
            let (masked, result) = scanner.redacted(line, source: .history, path: ImagePath("history:\(index)"))
            guard !result.findings.isEmpty else { continue }
            history[index].createdBy = masked
            if !isEmptyLayer, layerIndex < image.layers.count, image.layers[layerIndex].createdBy == line {
                image.layers[layerIndex].createdBy = masked
            }
            let layer = isEmptyLayer || layerIndex >= image.layers.count ? nil : image.layers[layerIndex]
            findings += result.findings.map { finding in
                var finding = finding
                finding.line = nil
                finding.layer = layer
                return finding
            }
        }
        image.configuration?.history = history
        return findings
    }

    /// The findings and the notes for the report's warnings; `history` holds those `redactHistory` found.
    func findings(
        squashed: SquashedAnalysis, configuration: ImageConfiguration?, ownedFiles: Set<ImagePath>,
        history: [SecretFinding]
    ) -> (findings: [SecretFinding], notes: [String]) {
        let layers = squashed.layers
        var findings: [SecretFinding] = []
        var notes: [String] = []
        let name = analyzer.identity.name
        for (position, analysis) in layers.enumerated() {
            let above = layers[(position + 1)...]
            func isHidden(_ path: ImagePath) -> Bool { above.contains { $0.hidesLowerVersion(of: path) } }
            for file in analysis.files {
                guard case .succeeded(let identity, let result) = file.outcome, identity.name == name,
                    !result.secrets.isEmpty
                else { continue }
                if !options.includesOSPackageFiles, ownedFiles.contains(file.path) { continue }
                let hidden = isHidden(file.path)
                for var finding in result.secrets {
                    finding.layer = analysis.layer
                    finding.isDeletedButRecoverable = hidden
                    findings.append(finding)
                }
                if hidden { notes += result.warnings.map { "\(file.path.absolute): \($0)" } }
            }
            // The last entry of a path in a layer is the one that counts; a later layer may change it again.
            var notable: [ImagePath: LayerEntry] = [:]
            for entry in analysis.notableEntries { notable[entry.path] = entry }
            for (path, entry) in notable.sorted(by: { $0.key < $1.key }) where !isHidden(path) {
                for var finding in FilesystemHygiene.findings(for: entry, isOwnedByOSPackage: ownedFiles.contains(path))
                {
                    finding.layer = analysis.layer
                    findings.append(finding)
                }
            }
            if let skipped = analysis.oversizedFileCounts[name], skipped > 0 {
                notes.append(
                    "layer \(analysis.layer.index): \(skipped) file(s) larger than \(options.maximumFileSize) bytes "
                        + "were not searched for secrets (--secret-max-file-size)")
            }
        }
        findings += configurationFindings(configuration) + history
        return (Self.deduplicated(findings), notes)
    }

    /// Secrets in the configuration's `Env`, `Labels`, `Cmd` and `Entrypoint`.
    ///
    /// Their paths are `config:Env`, `config:Labels` and `config:Cmd`; an `Env` or `Labels` finding's line is the
    /// entry's 1-based position (labels in key order, as Docker writes them).
    func configurationFindings(_ configuration: ImageConfiguration?) -> [SecretFinding] {
        guard let container = configuration?.config else { return [] }
        let scanner = SecretScanner(ruleSet: options.ruleSet)
        var findings: [SecretFinding] = []
        func scan(_ text: String, source: SecretFinding.Source, path: String, line: Int?) {
            for var finding in scanner.scan(text: text, source: source, path: ImagePath(path)).findings {
                finding.line = line
                findings.append(finding)
            }
        }
        for (index, variable) in (container.env ?? []).enumerated() {
            scan(variable, source: .environment, path: "config:Env", line: index + 1)
        }
        for (index, label) in (container.labels ?? [:]).sorted(by: { $0.key < $1.key }).enumerated() {
            scan("\(label.key)=\(label.value)", source: .label, path: "config:Labels", line: index + 1)
        }
        let command = ((container.entrypoint ?? []) + (container.cmd ?? [])).joined(separator: " ")
        if !command.isEmpty { scan(command, source: .command, path: "config:Cmd", line: nil) }
        return findings
    }

    /// One finding per rule, place and match: a file written again unchanged by a later layer is one finding (the
    /// visible copy), not two.
    static func deduplicated(_ findings: [SecretFinding]) -> [SecretFinding] {
        var best: [String: SecretFinding] = [:]
        var order: [String] = []
        for finding in findings {
            // The secret's digest tells a token rotated in a later layer (same mask) from the same token kept.
            let key =
                "\(finding.ruleID)|\(finding.path)|\(finding.line ?? 0)|\(finding.match)|\(finding.secretDigest ?? 0)"
            if let existing = best[key] {
                if existing.isDeletedButRecoverable && !finding.isDeletedButRecoverable { best[key] = finding }
            } else {
                best[key] = finding
                order.append(key)
            }
        }
        return order.compactMap { best[$0] }.sorted(by: SecretFinding.reportOrder)
    }
}
