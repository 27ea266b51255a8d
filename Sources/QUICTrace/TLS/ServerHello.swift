/// The fields of a TLS ServerHello that select the connection's keys.
public struct ServerHello: Sendable, Hashable {
    /// The server's random.
    public let random: [UInt8]
    /// The selected cipher suite code.
    public let cipherSuite: UInt16
    /// True when the server accepted a pre-shared key (resumption).
    public let acceptedPreSharedKey: Bool

    /// Parses a ServerHello body (after the 4-byte handshake header).
    init(_ body: ArraySlice<UInt8>) throws(ParseError) {
        var reader = ByteReader(body)
        try reader.skip(2, "ServerHello legacy_version")
        random = Array(try reader.readBytes(32, "ServerHello random"))
        _ = try reader.readPrefixed(1, "ServerHello session ID")
        cipherSuite = try reader.readUInt16()
        try reader.skip(1, "ServerHello compression method")
        var psk = false
        if !reader.isAtEnd {
            var extensions = ByteReader(try reader.readPrefixed(2, "ServerHello extensions"))
            while !extensions.isAtEnd {
                let type = try extensions.readUInt16()
                _ = try extensions.readPrefixed(2, "ServerHello extension \(type)")
                if type == 41 { psk = true }
            }
        }
        acceptedPreSharedKey = psk
    }
}
