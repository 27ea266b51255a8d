/// The runner could not lay out a job's files: an infrastructure fault, never a verdict on an implementation.
public struct PreparationError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What went wrong.
    public enum Code: String, Sendable, Hashable {
        /// A directory could not be created.
        case cannotCreateDirectory
        /// A file could not be written.
        case cannotWriteFile
        /// No unused random name was found after many attempts.
        case namesExhausted
    }

    /// The kind of failure.
    public var code: Code
    /// The path involved.
    public var path: String
    /// The underlying cause, in words.
    public var detail: String

    /// Creates an error.
    public init(code: Code, path: String, detail: String) {
        self.code = code
        self.path = path
        self.detail = detail
    }

    public var description: String { "\(code.rawValue) at \(path): \(detail)" }
}
