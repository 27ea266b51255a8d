/// The fields of a TLS ClientHello that QUIC checks use.
public struct ClientHello: Sendable, Hashable {
    /// The 32-byte random that keys the NSS key log.
    public let random: [UInt8]
    /// Offered cipher suites, in order (tshark's `tls.handshake.ciphersuite`).
    public let cipherSuites: [UInt16]
    /// Extension types, in order.
    public let extensionTypes: [UInt16]
    /// The client's QUIC transport parameters.
    public let transportParameters: TransportParameters?
    /// Server name from the SNI extension.
    public let serverName: String?
    /// ALPN protocols offered.
    public let alpn: [String]

    /// Parses a ClientHello body (after the 4-byte handshake header).
    init(_ body: ArraySlice<UInt8>) throws(ParseError) {
        var reader = ByteReader(body)
        try reader.skip(2, "ClientHello legacy_version")
        random = Array(try reader.readBytes(32, "ClientHello random"))
        _ = try reader.readPrefixed(1, "ClientHello session ID")
        var suites = ByteReader(try reader.readPrefixed(2, "ClientHello cipher suites"))
        var cipherSuites: [UInt16] = []
        while !suites.isAtEnd { cipherSuites.append(try suites.readUInt16()) }
        self.cipherSuites = cipherSuites
        _ = try reader.readPrefixed(1, "ClientHello compression methods")
        var types: [UInt16] = []
        var parameters: TransportParameters?
        var serverName: String?
        var alpn: [String] = []
        if !reader.isAtEnd {
            var extensions = ByteReader(try reader.readPrefixed(2, "ClientHello extensions"))
            while !extensions.isAtEnd {
                let type = try extensions.readUInt16()
                let data = try extensions.readPrefixed(2, "ClientHello extension \(type)")
                types.append(type)
                switch type {
                case TransportParameters.extensionType:
                    parameters = try TransportParameters(data)
                case 0:
                    var names = ByteReader(data)
                    var list = ByteReader(try names.readPrefixed(2, "server_name list"))
                    if !list.isAtEnd, try list.readUInt8() == 0 {
                        serverName = String(decoding: try list.readPrefixed(2, "host_name"), as: UTF8.self)
                    }
                case 16:
                    var outer = ByteReader(data)
                    var list = ByteReader(try outer.readPrefixed(2, "ALPN list"))
                    while !list.isAtEnd {
                        alpn.append(String(decoding: try list.readPrefixed(1, "ALPN protocol"), as: UTF8.self))
                    }
                default:
                    break
                }
            }
        }
        extensionTypes = types
        transportParameters = parameters
        self.serverName = serverName
        self.alpn = alpn
    }
}
