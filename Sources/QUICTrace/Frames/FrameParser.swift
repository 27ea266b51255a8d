/// Parses the frames of a decrypted packet payload.
enum FrameParser {
    /// The frames of `payload`, and the CRYPTO data they carry (offset and bytes) for TLS reassembly.
    ///
    /// Throws on an unknown frame type or a truncated frame; the frames before the error are lost with it, as the
    /// rest of the payload cannot be delimited.
    static func parse(
        _ payload: ArraySlice<UInt8>
    ) throws(ParseError) -> (frames: [Frame], crypto: [(offset: UInt64, data: ArraySlice<UInt8>)]) {
        var reader = ByteReader(payload)
        var frames: [Frame] = []
        var crypto: [(offset: UInt64, data: ArraySlice<UInt8>)] = []
        while !reader.isAtEnd {
            let type = try reader.readVarInt()
            switch type {
            case 0x00:
                var length = 1
                while !reader.isAtEnd, reader.bytes[reader.position] == 0 {
                    _ = try reader.readUInt8()
                    length += 1
                }
                frames.append(.padding(length: length))
            case 0x01:
                frames.append(.ping)
            case 0x02, 0x03:
                frames.append(.ack(try ack(&reader, withECN: type == 0x03)))
            case 0x04:
                frames.append(
                    .resetStream(
                        streamID: try reader.readVarInt(), errorCode: try reader.readVarInt(),
                        finalSize: try reader.readVarInt()))
            case 0x05:
                frames.append(.stopSending(streamID: try reader.readVarInt(), errorCode: try reader.readVarInt()))
            case 0x06:
                let offset = try reader.readVarInt()
                let length = try reader.readVarIntLength("CRYPTO length")
                crypto.append((offset, try reader.readBytes(length, "CRYPTO data")))
                frames.append(.crypto(offset: offset, length: length))
            case 0x07:
                let length = try reader.readVarIntLength("NEW_TOKEN length")
                frames.append(.newToken(token: Array(try reader.readBytes(length, "NEW_TOKEN token"))))
            case 0x08...0x0f:
                let streamID = try reader.readVarInt()
                let offset = type & 0x04 != 0 ? try reader.readVarInt() : 0
                let hasLength = type & 0x02 != 0
                let length = hasLength ? try reader.readVarIntLength("STREAM length") : reader.remaining
                try reader.skip(length, "STREAM data")
                frames.append(
                    .stream(
                        StreamFrame(
                            streamID: streamID, offset: offset, length: length, hasOffset: type & 0x04 != 0,
                            hasLength: hasLength,
                            fin: type & 0x01 != 0)))
            case 0x10:
                frames.append(.maxData(try reader.readVarInt()))
            case 0x11:
                frames.append(.maxStreamData(streamID: try reader.readVarInt(), maximum: try reader.readVarInt()))
            case 0x12, 0x13:
                frames.append(.maxStreams(bidirectional: type == 0x12, maximum: try reader.readVarInt()))
            case 0x14:
                frames.append(.dataBlocked(limit: try reader.readVarInt()))
            case 0x15:
                frames.append(.streamDataBlocked(streamID: try reader.readVarInt(), limit: try reader.readVarInt()))
            case 0x16, 0x17:
                frames.append(.streamsBlocked(bidirectional: type == 0x16, limit: try reader.readVarInt()))
            case 0x18:
                let sequence = try reader.readVarInt()
                let retire = try reader.readVarInt()
                let length = Int(try reader.readUInt8())
                guard length >= 1, length <= 20 else { throw ParseError.invalid("NEW_CONNECTION_ID length \(length)") }
                let id = ConnectionID(try reader.readBytes(length, "NEW_CONNECTION_ID connection ID"))
                let token = Array(try reader.readBytes(16, "NEW_CONNECTION_ID stateless reset token"))
                frames.append(
                    .newConnectionID(
                        NewConnectionIDFrame(
                            sequenceNumber: sequence, retirePriorTo: retire, connectionID: id,
                            statelessResetToken: token)))
            case 0x19:
                frames.append(.retireConnectionID(sequenceNumber: try reader.readVarInt()))
            case 0x1a:
                frames.append(.pathChallenge(data: Array(try reader.readBytes(8, "PATH_CHALLENGE data"))))
            case 0x1b:
                frames.append(.pathResponse(data: Array(try reader.readBytes(8, "PATH_RESPONSE data"))))
            case 0x1c, 0x1d:
                let code = try reader.readVarInt()
                let frameType = type == 0x1c ? try reader.readVarInt() : nil
                let length = try reader.readVarIntLength("CONNECTION_CLOSE reason length")
                let reason = String(decoding: try reader.readBytes(length, "CONNECTION_CLOSE reason"), as: UTF8.self)
                frames.append(
                    .connectionClose(
                        ConnectionCloseFrame(
                            isApplication: type == 0x1d, errorCode: code, frameType: frameType, reason: reason)))
            case 0x1e:
                frames.append(.handshakeDone)
            case 0x30, 0x31:
                let length = type == 0x31 ? try reader.readVarIntLength("DATAGRAM length") : reader.remaining
                try reader.skip(length, "DATAGRAM data")
                frames.append(.datagram(length: length, hasLength: type == 0x31))
            default:
                throw ParseError.invalid("frame type 0x\(String(type, radix: 16))")
            }
        }
        return (frames, crypto)
    }

    private static func ack(_ reader: inout ByteReader, withECN: Bool) throws(ParseError) -> ACKFrame {
        let largest = try reader.readVarInt()
        let delay = try reader.readVarInt()
        let count = try reader.readVarInt()
        let first = try reader.readVarInt()
        // Each range takes at least two bytes, which bounds the loop on garbage counts.
        guard count <= UInt64(reader.remaining / 2) else { throw ParseError.invalid("ACK range count \(count)") }
        var ranges: [ACKRange] = []
        for _ in 0..<count {
            ranges.append(ACKRange(gap: try reader.readVarInt(), length: try reader.readVarInt()))
        }
        let ecn =
            withECN
            ? ECNCounts(ect0: try reader.readVarInt(), ect1: try reader.readVarInt(), ce: try reader.readVarInt())
            : nil
        return ACKFrame(largestAcknowledged: largest, delay: delay, firstRange: first, ranges: ranges, ecn: ecn)
    }
}
