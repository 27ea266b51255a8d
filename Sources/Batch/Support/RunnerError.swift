/// A fault that stops the runner itself (bad input, unwritable output, a broken machine): exit code 2.
///
/// Interop failures are never thrown; they are job statuses.
public struct RunnerError: Error, Sendable, CustomStringConvertible {
    /// What kind of fault, for callers that react differently (tests, exit codes).
    public enum Code: String, Sendable {
        case badInput
        case unwritableOutput
        case existingLogDir
        case infrastructure
        case interrupted
        /// Jobs of the matrix did not run (the deadline came first, a shard is missing jobs); reports were written.
        case incomplete
        case `internal`
    }

    public var code: Code
    /// One line naming what and where.
    public var message: String

    /// Creates an error.
    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }
}
