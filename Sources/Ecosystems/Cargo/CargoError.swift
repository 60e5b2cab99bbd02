/// A Rust dependency record that could not be read.
public enum CargoError: Error, Equatable, CustomStringConvertible {
    /// The `.dep-v0` section is not a complete zlib stream.
    case corruptCompressedDependencies(reason: String)
    /// The `.dep-v0` section inflates to more than the limit.
    case dependenciesTooLarge(limit: Int)
    /// The inflated `.dep-v0` section is not cargo-auditable's JSON.
    case malformedDependencyJSON

    public var description: String {
        switch self {
        case .corruptCompressedDependencies(let reason):
            "the .dep-v0 section is not a complete zlib stream (\(reason)); the binary is damaged."
        case .dependenciesTooLarge(let limit):
            "the .dep-v0 section inflates to more than \(limit) bytes; it was not read."
        case .malformedDependencyJSON:
            "the .dep-v0 section does not hold cargo-auditable's JSON ({\"packages\": [...]}); it was not read."
        }
    }
}
