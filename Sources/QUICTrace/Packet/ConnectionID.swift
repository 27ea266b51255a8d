/// A QUIC connection ID (0 to 20 bytes).
public struct ConnectionID: Sendable, Hashable, CustomStringConvertible {
    /// The ID's bytes.
    public let bytes: [UInt8]

    /// Creates a connection ID.
    public init(_ bytes: some Sequence<UInt8>) {
        self.bytes = Array(bytes)
    }

    /// Lowercase hexadecimal without separators, as upstream compares CIDs.
    public var description: String { bytes.map(hex).joined() }
}
