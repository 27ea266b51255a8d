/// One problem found in a matrix spec, a registry or the command line, with where it is.
///
/// Rendered as `<file>:<line>:<column>: at <path>: <message>`, so an editor or CI log links straight to it.
public struct SpecProblem: Sendable, Hashable, CustomStringConvertible {
    /// The file the problem is in, or `command line`.
    public var file: String
    /// Where in the document: `tests[3]`, `output.dir`, or empty for the whole document.
    public var path: String
    /// 1-based line and column, when known.
    public var line: Int?
    public var column: Int?
    /// What is wrong, phrased for the person who wrote the file.
    public var message: String

    /// Creates a problem.
    public init(file: String, path: String, line: Int? = nil, column: Int? = nil, message: String) {
        self.file = file
        self.path = path
        self.line = line
        self.column = column
        self.message = message
    }

    public var description: String {
        var location = file
        if let line {
            location += ":\(line)"
            if let column { location += ":\(column)" }
        }
        return path.isEmpty ? "\(location): \(message)" : "\(location): at \(path): \(message)"
    }
}

/// Every problem of an input at once; the runner prints them one per line and exits with 2.
public struct SpecProblems: Error, Sendable, CustomStringConvertible {
    public var problems: [SpecProblem]

    /// Creates the error; `problems` is never empty.
    public init(_ problems: [SpecProblem]) {
        assert(!problems.isEmpty, "an error without problems")
        self.problems = problems
    }

    public var description: String { problems.map(\.description).joined(separator: "\n") }
}
