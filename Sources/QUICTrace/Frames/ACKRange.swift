/// One additional ACK range: `gap` unacknowledged then `length` acknowledged packets (RFC 9000 19.3.1).
public struct ACKRange: Sendable, Hashable {
    /// Encoded gap.
    public let gap: UInt64
    /// Encoded range length.
    public let length: UInt64
}
