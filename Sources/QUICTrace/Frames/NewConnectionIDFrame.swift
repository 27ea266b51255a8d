/// A NEW_CONNECTION_ID frame (RFC 9000 section 19.15).
public struct NewConnectionIDFrame: Sendable, Hashable {
    /// Sequence number of the new ID.
    public let sequenceNumber: UInt64
    /// IDs below this must be retired.
    public let retirePriorTo: UInt64
    /// The connection ID.
    public let connectionID: ConnectionID
    /// The 16-byte stateless reset token.
    public let statelessResetToken: [UInt8]
}
