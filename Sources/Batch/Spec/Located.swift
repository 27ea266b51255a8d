/// A value read from an input, with where it was, so later checks (unknown names) can point at it.
public struct Located<Value: Sendable & Hashable>: Sendable, Hashable {
    public var value: Value
    /// The file (or `command line`) and path the value came from.
    public var file: String
    public var path: String
    public var line: Int?
    public var column: Int?

    /// Creates a located value.
    public init(_ value: Value, file: String, path: String, line: Int? = nil, column: Int? = nil) {
        self.value = value
        self.file = file
        self.path = path
        self.line = line
        self.column = column
    }

    /// A problem about this value, at its place.
    func problem(_ message: String) -> SpecProblem {
        SpecProblem(file: file, path: path, line: line, column: column, message: message)
    }
}
