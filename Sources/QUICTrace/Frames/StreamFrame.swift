/// A STREAM frame's header (the data itself is not kept).
public struct StreamFrame: Sendable, Hashable {
    /// Stream ID.
    public let streamID: UInt64
    /// Offset of the first byte.
    public let offset: UInt64
    /// Bytes of stream data.
    public let length: Int
    /// The frame carries an explicit Offset field (it may still encode 0).
    public let hasOffset: Bool
    /// The frame carries an explicit Length field.
    public let hasLength: Bool
    /// The FIN bit.
    public let fin: Bool
}
