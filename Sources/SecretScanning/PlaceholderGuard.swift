/// Recognises values that stand for a secret without being one: `changeme`, `${DB_PASSWORD}`, `<password>`, `xxxx`.
///
/// Documentation, sample configuration and code that reads a secret from elsewhere are the main source of false
/// positives in secret scanners (Dockle's CIS-DI-0010, Trivy's generic rules); every value rule passes its candidate
/// through this guard.
public enum PlaceholderGuard {
    /// Words that mark a documentation or sample value when they occur anywhere in it, compared lowercased.
    static let markerWords: [String] = [
        "changeme", "change_me", "change-me", "changeit", "example", "sample", "placeholder", "dummy", "your_",
        "your-", "yourpass", "yoursecret", "yourtoken", "yourkey", "insert", "replace", "redacted", "xxxx", "****",
        "....", "todo", "fixme", "foobar", "password", "passwd", "secret", "mypass", "fake", "notreal", "not_real",
        "not-real", "notasecret", "not_a_secret", "not-a-secret", "123456789", "abcdefgh", "qwerty", "lorem",
        "enter_", "enter-", "undefined", "anonymous",
    ]

    /// Whole values that name a type, a keyword or an empty state rather than a secret, compared lowercased; and the
    /// passwords of documentation's classic demo accounts (Oracle's `scott`/`tiger`, which SQLAlchemy's docstrings
    /// use in every database URL; `hunter2`).
    static let placeholderValues: Set<String> = [
        "true", "false", "none", "null", "nil", "empty", "string", "str", "required", "optional", "token", "bearer",
        "basic", "default", "unset", "hidden", "blank", "test", "testing", "admin", "root", "user", "username",
        "value", "secure", "random", "generated", "auto", "environment", "env", "prompt", "stdin", "file", "pass",
        "pwd", "pw", "secret", "changeit", "tiger", "hunter2",
    ]

    /// Returns whether `value` is a placeholder, a template expression, a reference or a run of one character.
    public static func isPlaceholder<Text: StringProtocol>(_ value: Text) -> Bool {
        let lower = value.lowercased()
        guard !lower.isEmpty else { return true }
        if placeholderValues.contains(lower) { return true }
        if let first = lower.first, lower.allSatisfy({ $0 == first }) { return true }
        for prefix in ["$", "%", "<", "{", "[", "#{", "&", "*"] where lower.hasPrefix(prefix) { return true }
        if lower.count > 2, lower.hasPrefix("@"), lower.hasSuffix("@") { return true }
        for fragment in ["${", "{{", "}}", "<%", "%(", "%s", "%d", "$(", "{0}", "#{"] where lower.contains(fragment) {
            return true
        }
        for word in markerWords where lower.contains(word) { return true }
        return isShortRepetition(Array(lower.utf8))
    }

    /// Returns whether `bytes` is a unit of at most four bytes repeated (`abcabcabc`, `a1B2a1B2`).
    static func isShortRepetition(_ bytes: [UInt8]) -> Bool {
        guard bytes.count >= 8 else { return false }
        for period in 1...4 where bytes.count % period == 0 || bytes.count > period * 3 {
            var repeats = true
            for index in period..<bytes.count where bytes[index] != bytes[index - period] {
                repeats = false
                break
            }
            if repeats { return true }
        }
        return false
    }
}
