/// A value from the input as a message quotes it: cut to a few dozen characters with its size, so a 10 MB value or
/// a 100 KB argument costs one short line. Control characters are escaped later, when the whole problem is printed
/// (`SpecProblem.description`), so they are never escaped twice.
enum Echo {
    /// Characters of a value that a message shows.
    static let limit = 64

    /// `"value"`, or `"the first 64 characters…" (N bytes)`.
    static func quoted(_ value: some StringProtocol) -> String {
        let shown = value.prefix(limit)
        guard shown.endIndex < value.endIndex else { return "\"\(value)\"" }
        return "\"\(shown)…\" (\(value.utf8.count) bytes)"
    }

    /// The value unquoted, cut like `quoted`: for a key that becomes part of a path.
    static func truncated(_ value: some StringProtocol, limit: Int = limit) -> String {
        let shown = value.prefix(limit)
        guard shown.endIndex < value.endIndex else { return String(value) }
        return "\(shown)…"
    }
}
