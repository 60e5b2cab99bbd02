/// A `WWW-Authenticate` challenge: `Bearer realm="…",service="…",scope="…"` or `Basic realm="…"`.
public struct AuthenticationChallenge: Sendable, Equatable {
    public enum Scheme: Sendable, Equatable {
        case basic
        case bearer
        case other(String)
    }

    public var scheme: Scheme
    /// Auth-params with lowercased names (`realm`, `service`, `scope`, `error`).
    public var parameters: [String: String]

    public init(scheme: Scheme, parameters: [String: String]) {
        self.scheme = scheme
        self.parameters = parameters
    }

    /// Parses the first challenge of a header value (RFC 7235: values quoted or bare; commas inside quotes).
    public init?(header: String) {
        let characters = Array(header.unicodeScalars)
        var index = 0
        func skipSpaces() {
            while index < characters.count, characters[index] == " " || characters[index] == "\t" { index += 1 }
        }
        func token() -> String {
            let start = index
            while index < characters.count, !" \t,=\"".unicodeScalars.contains(characters[index]) { index += 1 }
            return String(String.UnicodeScalarView(characters[start..<index]))
        }
        skipSpaces()
        let schemeName = token()
        guard !schemeName.isEmpty else { return nil }
        switch schemeName.lowercased() {
        case "basic": scheme = .basic
        case "bearer": scheme = .bearer
        default: scheme = .other(schemeName)
        }
        var parameters: [String: String] = [:]
        while index < characters.count {
            skipSpaces()
            while index < characters.count, characters[index] == "," { index += 1 }
            skipSpaces()
            let name = token()
            skipSpaces()
            guard !name.isEmpty, index < characters.count, characters[index] == "=" else { break }
            index += 1
            skipSpaces()
            var value = ""
            if index < characters.count, characters[index] == "\"" {
                index += 1
                while index < characters.count, characters[index] != "\"" {
                    if characters[index] == "\\", index + 1 < characters.count { index += 1 }
                    value.unicodeScalars.append(characters[index])
                    index += 1
                }
                index += 1
            } else {
                value = token()
            }
            parameters[name.lowercased()] = value
        }
        self.parameters = parameters
    }
}
