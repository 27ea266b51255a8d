/// A UDP datagram extracted from a captured frame, with the IP fields the checks need.
public struct UDPDatagram: Sendable {
    /// Sender.
    public let source: Endpoint
    /// Receiver.
    public let destination: Endpoint
    /// ECN codepoint of the carrying IP packet.
    public let ecn: ECN
    /// The UDP length field (header included), as tshark's `udp.length`.
    public let udpLength: Int
    /// The UDP payload as captured (shorter than `udpLength - 8` if the snap length cut it).
    public let payload: ArraySlice<UInt8>
}
