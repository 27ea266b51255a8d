/// Where and why a text is not the JSON `JSONParser` accepts.
public struct JSONSyntaxError: Error, Sendable, Hashable, CustomStringConvertible {
    /// 1-based line of the offending character.
    public var line: Int
    /// 1-based column, counted in Unicode scalars as an editor (and libyaml) counts them.
    public var column: Int
    /// What is wrong, e.g. `trailing comma before ']'`.
    public var message: String

    /// Creates an error.
    public init(line: Int, column: Int, message: String) {
        self.line = line
        self.column = column
        self.message = message
    }

    public var description: String { "\(line):\(column): \(message)" }
}
