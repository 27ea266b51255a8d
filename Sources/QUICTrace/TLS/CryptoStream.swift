/// Reassembles one direction's CRYPTO stream of one epoch into TLS handshake messages.
///
/// Out-of-order data waits in `pending`; retransmitted bytes are ignored. Invariant: `buffer` holds the bytes from
/// `bufferOffset` up to the first gap, and never starts inside a message that was already returned.
struct CryptoStream {
    /// Buffered data beyond this many bytes is dropped: a real handshake is far smaller, garbage may not be.
    static let maximumBuffered = 1 << 20

    private var buffer: [UInt8] = []
    private var bufferOffset: UInt64 = 0
    private var pending: [UInt64: ArraySlice<UInt8>] = [:]
    private var pendingBytes = 0
    /// Set when the stream was abandoned (too much data or an unparsable message).
    private(set) var failed = false

    /// Adds CRYPTO data at `offset` and returns the messages completed by it.
    mutating func add(offset: UInt64, data: ArraySlice<UInt8>) throws(ParseError) -> [HandshakeMessage] {
        guard !failed else { return [] }
        let end = bufferOffset + UInt64(buffer.count)
        if offset > end {
            guard pending[offset] == nil else { return [] }
            pendingBytes += data.count
            guard pendingBytes <= Self.maximumBuffered else {
                failed = true
                throw ParseError.invalid("CRYPTO stream with more than \(Self.maximumBuffered) buffered bytes")
            }
            pending[offset] = data
            return []
        }
        append(offset: offset, data: data)
        while let (nextOffset, nextData) = pending.first(where: { $0.key <= bufferOffset + UInt64(buffer.count) }) {
            pending[nextOffset] = nil
            pendingBytes -= nextData.count
            append(offset: nextOffset, data: nextData)
        }
        return try messages()
    }

    private mutating func append(offset: UInt64, data: ArraySlice<UInt8>) {
        let end = bufferOffset + UInt64(buffer.count)
        guard offset + UInt64(data.count) > end else { return }
        buffer += data.dropFirst(Int(end - offset))
    }

    private mutating func messages() throws(ParseError) -> [HandshakeMessage] {
        var result: [HandshakeMessage] = []
        var start = 0
        while buffer.count - start >= 4 {
            let length = Int(buffer[start + 1]) << 16 | Int(buffer[start + 2]) << 8 | Int(buffer[start + 3])
            guard length <= Self.maximumBuffered else {
                failed = true
                throw ParseError.invalid("TLS handshake message length \(length)")
            }
            guard buffer.count - start - 4 >= length else { break }
            let body = buffer[(start + 4)..<(start + 4 + length)]
            do {
                result.append(try HandshakeMessage.parse(type: buffer[start], body: body))
            } catch {
                failed = true
                throw error
            }
            start += 4 + length
        }
        if start > 0 {
            buffer.removeFirst(start)
            bufferOffset += UInt64(start)
        }
        return result
    }
}
