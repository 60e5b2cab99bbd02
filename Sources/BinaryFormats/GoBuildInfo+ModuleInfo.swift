extension GoBuildInfo {
    /// Parses the text of `runtime/debug.BuildInfo` (the module information without its sentinels).
    ///
    /// One record a line, fields separated by tabs, as `BuildInfo.String` writes them: `path\tIMPORT-PATH`,
    /// `mod\tPATH\tVERSION[\tSUM]`, `dep\tPATH\tVERSION[\tSUM]`, `=>\tPATH\tVERSION\tSUM` (replacing the module on the
    /// line before), and `build\tKEY=VALUE` (key and value quoted Go-style when they hold blanks or quotes). Unknown
    /// keywords are ignored; malformed lines are skipped and listed in `problems`. The version is left empty.
    public static func parseModuleInfo(_ text: [UInt8]) -> GoBuildInfo {
        var info = GoBuildInfo(goVersion: "")
        var lastModule: ModuleSlot?
        var number = 0
        for rawLine in text.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
            number += 1
            let line = String(decoding: rawLine, as: UTF8.self)
            guard let tab = line.firstIndex(of: "\t") else {
                if !line.isEmpty {
                    info.problems.append(.malformedGoModuleInfoLine(number: number, reason: "no tab after the keyword"))
                }
                continue
            }
            let keyword = line[..<tab]
            let rest = line[line.index(after: tab)...]
            let fields = rest.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            switch keyword {
            case "path":
                info.path = String(rest)
            case "mod", "dep":
                guard fields.count == 2 || fields.count == 3, !fields[0].isEmpty else {
                    info.problems.append(
                        .malformedGoModuleInfoLine(number: number, reason: "expected 2 or 3 fields after '\(keyword)'"))
                    lastModule = nil
                    continue
                }
                let module = GoModule(
                    path: fields[0], version: fields[1],
                    checksum: fields.count == 3 && !fields[2].isEmpty ? fields[2] : nil)
                if keyword == "mod" {
                    info.mainModule = module
                    lastModule = .main
                } else {
                    info.dependencies.append(module)
                    lastModule = .dependency(info.dependencies.count - 1)
                }
            case "=>":
                guard fields.count == 3, !fields[0].isEmpty else {
                    info.problems.append(
                        .malformedGoModuleInfoLine(number: number, reason: "expected 3 fields after '=>'"))
                    continue
                }
                let replacement = GoModule.Replacement(
                    path: fields[0], version: fields[1], checksum: fields[2].isEmpty ? nil : fields[2])
                switch lastModule {
                case .main: info.mainModule?.replacement = replacement
                case .dependency(let index): info.dependencies[index].replacement = replacement
                case nil:
                    info.problems.append(
                        .malformedGoModuleInfoLine(number: number, reason: "a replacement with no module before it"))
                }
                lastModule = nil
            case "build":
                guard let setting = buildSetting(rest) else {
                    info.problems.append(.malformedGoModuleInfoLine(number: number, reason: "expected KEY=VALUE"))
                    continue
                }
                info.settings.append(setting)
            default:
                continue
            }
        }
        return info
    }

    /// The module a `=>` line replaces.
    private enum ModuleSlot {
        case main
        case dependency(Int)
    }

    /// Parses `KEY=VALUE`, either side possibly quoted.
    private static func buildSetting(_ text: Substring) -> GoBuildSetting? {
        var rest = text
        let key: String
        if let first = rest.first, first == "\"" || first == "`" {
            guard let (unquotedKey, end) = GoQuotedString.unquotePrefix(rest), rest[end...].first == "=" else {
                return nil
            }
            key = unquotedKey
            rest = rest[rest.index(after: end)...]
        } else {
            guard let equals = rest.firstIndex(of: "="), equals != rest.startIndex else { return nil }
            key = String(rest[..<equals])
            rest = rest[rest.index(after: equals)...]
        }
        if let first = rest.first, first == "\"" || first == "`" {
            guard let (value, end) = GoQuotedString.unquotePrefix(rest), end == rest.endIndex else { return nil }
            return GoBuildSetting(key: key, value: value)
        }
        return GoBuildSetting(key: key, value: String(rest))
    }
}
