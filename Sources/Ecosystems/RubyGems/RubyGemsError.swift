/// A gem specification that names no gem.
public enum RubyGemsError: Error, Equatable, CustomStringConvertible {
    /// Neither a `name` assignment nor a `# stub:` line names the gem.
    case missingName
    /// The gem is named but its version is not given.
    case missingVersion(name: String)

    public var description: String {
        switch self {
        case .missingName:
            "the gem specification sets no 'name'; it is not an installed gem's specification, or it is damaged."
        case .missingVersion(let name):
            "the gem specification of '\(name)' sets no 'version'; reinstall the gem."
        }
    }
}
