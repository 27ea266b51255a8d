import Results

/// One problem found in a matrix spec, a registry or the command line, with where it is.
///
/// Rendered as `<file>:<line>:<column>: at <path>: <message>`, so an editor or CI log links straight to it. The
/// rendering is one line whatever the input held: control characters in names and values are escaped (`InertText`)
/// and a very long file path is cut.
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

    /// This problem about a whole file, reported at `place`, where the file was named: `at --spec: FILE: …`.
    public func placed(at place: Located<String>) -> SpecProblem {
        SpecProblem(
            file: place.file, path: place.path, line: place.line, column: place.column,
            message: "\(Echo.truncated(file, limit: 256)): \(message)")
    }

    public var description: String {
        var location = Echo.truncated(file, limit: 256)
        if let line {
            location += ":\(line)"
            if let column { location += ":\(column)" }
        }
        return InertText.escaped(path.isEmpty ? "\(location): \(message)" : "\(location): at \(path): \(message)")
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

    /// How many problems `lines` shows: enough to fix a file in one go, few enough to read in a CI log.
    public static let shownLimit = 20

    /// One line per problem, at most `limit` of them, then `and N more problems` when some were left out.
    public func lines(limit: Int = shownLimit) -> [String] {
        var lines = problems.prefix(limit).map(\.description)
        if problems.count > limit { lines.append("and \(problems.count - limit) more problems") }
        return lines
    }

    /// Every problem, one per line.
    public var description: String { problems.map(\.description).joined(separator: "\n") }
}
