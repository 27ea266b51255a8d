/// A failure to read or write a report: the runner cannot go on with this report.
///
/// A failing interop test is never a `ReportError`; it is a status inside the `RunResult`.
public struct ReportError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What went wrong, stable for callers that branch on it.
    public struct Code: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
        public var rawValue: String
        /// Creates a code.
        public init(rawValue: String) { self.rawValue = rawValue }
        /// A `result.json` that is not JSON or does not have the expected shape.
        public static let invalidResultJSON = Code(rawValue: "invalid-result-json")
        /// A file or directory could not be read or written.
        public static let io = Code(rawValue: "io")
        /// libxml2 refused to write the JUnit document.
        public static let xml = Code(rawValue: "xml")
        /// The log archive could not be built.
        public static let archive = Code(rawValue: "archive")
        public var description: String { rawValue }
    }

    public var code: Code
    /// A message that names what failed and where (a JSON path, a file).
    public var message: String

    /// Creates an error.
    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { "\(code): \(message)" }
}
