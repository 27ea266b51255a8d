/// A bounds-checked cursor over bytes, used by every parser in this module.
///
/// Invariant: `startIndex <= position <= endIndex`; every read past `endIndex` throws instead of trapping, so
/// garbage or truncated input can never crash the analyzer.
struct ByteReader {
    /// The bytes being read; indices are those of the underlying array.
    let bytes: ArraySlice<UInt8>
    /// Index of the next byte to read.
    private(set) var position: Int

    /// Starts reading at the first byte of `bytes`.
    init(_ bytes: ArraySlice<UInt8>) {
        self.bytes = bytes
        self.position = bytes.startIndex
    }

    /// Starts reading at the first byte of `bytes`.
    init(_ bytes: [UInt8]) {
        self.init(bytes[...])
    }

    /// Number of bytes not yet read.
    var remaining: Int { bytes.endIndex - position }

    /// True when every byte has been read.
    var isAtEnd: Bool { position >= bytes.endIndex }

    /// Index one past the last byte.
    var endIndex: Int { bytes.endIndex }

    /// Reads one byte.
    mutating func readUInt8() throws(ParseError) -> UInt8 {
        guard position < bytes.endIndex else { throw ParseError.truncated("byte", at: position) }
        defer { position += 1 }
        return bytes[position]
    }

    /// Reads a big-endian integer of `count` bytes (at most 8).
    mutating func readBigEndian(_ count: Int) throws(ParseError) -> UInt64 {
        assert(count <= 8)
        guard remaining >= count else { throw ParseError.truncated("\(count)-byte integer", at: position) }
        var value: UInt64 = 0
        for index in position..<(position + count) {
            value = value << 8 | UInt64(bytes[index])
        }
        position += count
        return value
    }

    /// Reads a big-endian 16-bit integer.
    mutating func readUInt16() throws(ParseError) -> UInt16 { UInt16(try readBigEndian(2)) }

    /// Reads a big-endian 32-bit integer.
    mutating func readUInt32() throws(ParseError) -> UInt32 { UInt32(try readBigEndian(4)) }

    /// Reads a QUIC variable-length integer (RFC 9000 section 16).
    mutating func readVarInt() throws(ParseError) -> UInt64 {
        let first = try readUInt8()
        let length = 1 << Int(first >> 6)
        var value = UInt64(first & 0x3f)
        guard remaining >= length - 1 else { throw ParseError.truncated("variable-length integer", at: position) }
        for _ in 1..<length {
            value = value << 8 | UInt64(bytes[position])
            position += 1
        }
        return value
    }

    /// Reads a variable-length integer and checks it is a usable length not larger than what remains.
    mutating func readVarIntLength(_ what: String) throws(ParseError) -> Int {
        let value = try readVarInt()
        guard value <= UInt64(remaining) else { throw ParseError.truncated(what, at: position) }
        return Int(value)
    }

    /// Reads `count` bytes as a slice sharing storage with the input.
    mutating func readBytes(_ count: Int, _ what: String = "bytes") throws(ParseError) -> ArraySlice<UInt8> {
        guard count >= 0, remaining >= count else { throw ParseError.truncated(what, at: position) }
        defer { position += count }
        return bytes[position..<(position + count)]
    }

    /// Reads a length prefix of `prefixBytes` bytes and then that many bytes.
    mutating func readPrefixed(_ prefixBytes: Int, _ what: String) throws(ParseError) -> ArraySlice<UInt8> {
        let count = Int(try readBigEndian(prefixBytes))
        return try readBytes(count, what)
    }

    /// Skips `count` bytes.
    mutating func skip(_ count: Int, _ what: String = "bytes") throws(ParseError) {
        guard count >= 0, remaining >= count else { throw ParseError.truncated(what, at: position) }
        position += count
    }

    /// Returns every byte not yet read and moves to the end.
    mutating func readRest() -> ArraySlice<UInt8> {
        defer { position = bytes.endIndex }
        return bytes[position...]
    }
}
