/// The ECN counts of an ACK frame of type 0x03 (RFC 9000 section 19.3.2).
public struct ECNCounts: Sendable, Hashable {
    /// Packets received with ECT(0).
    public let ect0: UInt64
    /// Packets received with ECT(1).
    public let ect1: UInt64
    /// Packets received with CE.
    public let ce: UInt64
}
