/// One QUIC packet of a datagram (datagrams may coalesce several), with its header fields and, when decrypted,
/// its frames.
public struct QUICPacket: Sendable {
    /// Packet type.
    public let type: PacketType
    /// Version field of a long header; nil for a short header.
    public let version: UInt32?
    /// Destination connection ID.
    public let destinationCID: ConnectionID
    /// Source connection ID (long headers only).
    public let sourceCID: ConnectionID?
    /// Token of an Initial packet (empty when none) or of a Retry packet.
    public let token: [UInt8]?
    /// Full packet number, when the header protection could be removed.
    public let packetNumber: UInt64?
    /// Key phase bit of a 1-RTT packet, when the header protection could be removed.
    public let keyPhase: Bool?
    /// Bytes of this packet on the wire.
    public let length: Int
    /// Bytes of the packet payload after the packet number (with the AEAD tag); for undecrypted packets without
    /// header protection removed, everything after the header's length field.
    public let payloadLength: Int
    /// Which side sent it, when the connection is known.
    public let sender: Sender?
    /// Index of the connection in ``QUICTraceReader/connections`` order, when known.
    public let connection: Int?
    /// Decryption result.
    public let decryption: DecryptionStatus
    /// Frames, in order (empty unless decrypted).
    public let frames: [Frame]
    /// Versions listed by a Version Negotiation packet.
    public let supportedVersions: [UInt32]
    /// TLS handshake messages whose last byte arrived in this packet's CRYPTO frames.
    public let handshakeMessages: [HandshakeMessage]
}
