/// What the TLS handshake of one connection revealed.
public struct ConnectionSummary: Sendable {
    /// Position in connection order (order of the clients' first Initial packets).
    public let index: Int
    /// Version of the newest long-header packet.
    public let version: UInt32
    /// The client's first ClientHello.
    public let clientHello: ClientHello?
    /// The ServerHello.
    public let serverHello: ServerHello?
    /// The server's transport parameters from EncryptedExtensions.
    public let serverTransportParameters: TransportParameters?
    /// Certificates in the server's Certificate message; nil when none was seen (e.g. resumption).
    public let certificateCount: Int?
    /// True when the server sent a Retry.
    public let sawRetry: Bool
}
