/// A CONNECTION_CLOSE frame, transport (0x1c) or application (0x1d).
public struct ConnectionCloseFrame: Sendable, Hashable {
    /// True for type 0x1d.
    public let isApplication: Bool
    /// The error code.
    public let errorCode: UInt64
    /// The frame type that caused the error (transport close only).
    public let frameType: UInt64?
    /// The reason phrase, decoded as UTF-8.
    public let reason: String
}
