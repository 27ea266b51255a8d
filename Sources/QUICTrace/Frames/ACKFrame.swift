/// An ACK frame: the acknowledged ranges and, for type 0x03, the ECN counts.
public struct ACKFrame: Sendable, Hashable {
    /// Largest acknowledged packet number.
    public let largestAcknowledged: UInt64
    /// Encoded ACK delay (not scaled by the exponent).
    public let delay: UInt64
    /// Packets acknowledged below the largest in the first range.
    public let firstRange: UInt64
    /// Additional (gap, length) ranges.
    public let ranges: [ACKRange]
    /// ECN counts of an ACK_ECN frame.
    public let ecn: ECNCounts?
}
