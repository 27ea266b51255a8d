/// A problem found while reading a capture: malformed input, a packet that could not be decrypted, a truncated file.
///
/// Diagnostics never stop the analysis of the rest of the capture, except for a damaged file structure, after
/// which nothing more can be read.
public struct Diagnostic: Sendable, Hashable, CustomStringConvertible {
    /// Machine-readable category of the problem.
    public enum Code: String, Sendable, Hashable {
        /// The file is not a pcap or pcapng capture.
        case unknownFileFormat
        /// The file ends inside a record or block.
        case truncatedFile
        /// A record or block header is inconsistent (bad length, unknown byte order).
        case malformedFile
        /// A frame's link, IP or UDP header could not be parsed.
        case malformedFrame
        /// A QUIC header or frame could not be parsed.
        case malformedQUIC
        /// A TLS handshake message could not be parsed.
        case malformedTLS
        /// Keys were available but the packet did not authenticate.
        case decryptionFailed
        /// The key log could not be read or contains bad lines.
        case keyLog
    }

    /// Category.
    public let code: Code
    /// One-based frame number in the capture (as tshark counts), or 0 when not tied to a frame.
    public let frame: Int
    /// Human-readable explanation naming what and where.
    public let message: String

    /// Creates a diagnostic.
    public init(code: Code, frame: Int, message: String) {
        self.code = code
        self.frame = frame
        self.message = message
    }

    public var description: String {
        frame > 0 ? "frame \(frame): \(message) [\(code.rawValue)]" : "\(message) [\(code.rawValue)]"
    }
}
