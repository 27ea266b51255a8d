/// A capture file that cannot be read at all, or whose structure breaks part-way.
public struct CaptureError: Error, Sendable, CustomStringConvertible {
    /// Category of the failure.
    public enum Code: String, Sendable {
        /// The file cannot be opened or read.
        case cannotOpen
        /// A rewritten capture cannot be written (``CaptureSecrets``).
        case cannotWrite
        /// The file is neither pcap nor pcapng.
        case unknownFormat
        /// The file ends inside a header, record or block.
        case truncated
        /// A header or block is inconsistent.
        case malformed
    }

    /// Category.
    public let code: Code
    /// What and where.
    public let message: String

    /// Creates an error.
    public init(code: Code, message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { "\(message) [\(code.rawValue)]" }

    /// The matching diagnostic code.
    var diagnosticCode: Diagnostic.Code {
        switch code {
        case .cannotOpen, .cannotWrite, .malformed: .malformedFile
        case .unknownFormat: .unknownFileFormat
        case .truncated: .truncatedFile
        }
    }
}
