/// A QUIC frame (RFC 9000 section 19, plus DATAGRAM of RFC 9221), with the fields the checks and the oracle use.
public enum Frame: Sendable, Hashable {
    /// A run of consecutive PADDING bytes, counted as one frame as tshark does.
    case padding(length: Int)
    case ping
    case ack(ACKFrame)
    case resetStream(streamID: UInt64, errorCode: UInt64, finalSize: UInt64)
    case stopSending(streamID: UInt64, errorCode: UInt64)
    case crypto(offset: UInt64, length: Int)
    case newToken(token: [UInt8])
    case stream(StreamFrame)
    case maxData(UInt64)
    case maxStreamData(streamID: UInt64, maximum: UInt64)
    case maxStreams(bidirectional: Bool, maximum: UInt64)
    case dataBlocked(limit: UInt64)
    case streamDataBlocked(streamID: UInt64, limit: UInt64)
    case streamsBlocked(bidirectional: Bool, limit: UInt64)
    case newConnectionID(NewConnectionIDFrame)
    case retireConnectionID(sequenceNumber: UInt64)
    case pathChallenge(data: [UInt8])
    case pathResponse(data: [UInt8])
    case connectionClose(ConnectionCloseFrame)
    case handshakeDone
    case datagram(length: Int, hasLength: Bool)

    /// The frame type on the wire (tshark's `quic.frame_type`).
    public var typeCode: UInt64 {
        switch self {
        case .padding: 0x00
        case .ping: 0x01
        case .ack(let ack): ack.ecn == nil ? 0x02 : 0x03
        case .resetStream: 0x04
        case .stopSending: 0x05
        case .crypto: 0x06
        case .newToken: 0x07
        case .stream(let stream): 0x08 | (stream.hasOffset ? 4 : 0) | (stream.hasLength ? 2 : 0) | (stream.fin ? 1 : 0)
        case .maxData: 0x10
        case .maxStreamData: 0x11
        case .maxStreams(let bidirectional, _): bidirectional ? 0x12 : 0x13
        case .dataBlocked: 0x14
        case .streamDataBlocked: 0x15
        case .streamsBlocked(let bidirectional, _): bidirectional ? 0x16 : 0x17
        case .newConnectionID: 0x18
        case .retireConnectionID: 0x19
        case .pathChallenge: 0x1a
        case .pathResponse: 0x1b
        case .connectionClose(let close): close.isApplication ? 0x1d : 0x1c
        case .handshakeDone: 0x1e
        case .datagram(_, let hasLength): hasLength ? 0x31 : 0x30
        }
    }
}
