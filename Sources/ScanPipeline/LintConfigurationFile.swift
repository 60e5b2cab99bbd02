import Foundation
import Hardening
import Yams

/// Reads the `hardening:` section of a Plimsoll configuration file (YAML).
public enum LintConfigurationFile {
    /// A configuration file that cannot be used.
    public struct LoadError: Error, Equatable, CustomStringConvertible {
        /// The file.
        public var path: String
        /// Why it cannot be used.
        public var reason: String

        public var description: String { "Configuration file '\(path)' \(reason)." }
    }

    /// The configuration in the file at `path`; the defaults when it has no `hardening:` section.
    public static func load(_ path: String) throws(LoadError) -> HardeningConfiguration {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw LoadError(path: path, reason: "cannot be read")
        }
        return try parse(text, path: path)
    }

    /// The configuration in `text`, the contents of `path`.
    public static func parse(_ text: String, path: String) throws(LoadError) -> HardeningConfiguration {
        struct File: Decodable { var hardening: HardeningConfiguration? }
        do {
            return try YAMLDecoder().decode(File.self, from: text).hardening ?? HardeningConfiguration()
        } catch {
            throw LoadError(path: path, reason: "is not a valid configuration (\(error))")
        }
    }
}
