/// A UDP datagram carrying QUIC, with its capture metadata and the QUIC packets found in it.
public struct QUICDatagram: Sendable {
    /// One-based frame number in the capture.
    public let frame: Int
    /// Capture time.
    public let timestamp: Timestamp
    /// Sender address and port.
    public let source: Endpoint
    /// Receiver address and port.
    public let destination: Endpoint
    /// ECN codepoint of the IP header.
    public let ecn: ECN
    /// UDP length field (header included), as upstream's `udp.length`.
    public let udpLength: Int
    /// The QUIC packets, in wire order (coalesced packets follow the first).
    public let packets: [QUICPacket]
}
