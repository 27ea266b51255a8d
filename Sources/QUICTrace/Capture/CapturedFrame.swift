/// One frame as recorded in a capture file, before any protocol is decoded.
public struct CapturedFrame: Sendable {
    /// One-based position in the file, as tshark numbers frames.
    public let number: Int
    /// When the frame was captured.
    public let timestamp: Timestamp
    /// Link-layer header type of `bytes`.
    public let linkType: LinkType
    /// The captured bytes (possibly fewer than `originalLength` when the snap length cut the frame).
    public let bytes: [UInt8]
    /// Length of the frame on the wire.
    public let originalLength: Int
}
