/// A TLS 1.3 handshake message reassembled from CRYPTO frames.
public enum HandshakeMessage: Sendable, Hashable {
    case clientHello(ClientHello)
    case serverHello(ServerHello)
    /// EncryptedExtensions with the server's transport parameters (nil when the extension is absent).
    case encryptedExtensions(TransportParameters?)
    /// Certificate with the number of certificates in the chain.
    case certificate(count: Int)
    /// Any other message type (NewSessionTicket 4, CertificateVerify 15, Finished 20, ...).
    case other(type: UInt8)

    /// The TLS handshake type code (tshark's `tls.handshake.type`).
    public var typeCode: UInt8 {
        switch self {
        case .clientHello: 1
        case .serverHello: 2
        case .encryptedExtensions: 8
        case .certificate: 11
        case .other(let type): type
        }
    }

    /// Parses one message body of handshake type `type`.
    static func parse(type: UInt8, body: ArraySlice<UInt8>) throws(ParseError) -> HandshakeMessage {
        switch type {
        case 1: return .clientHello(try ClientHello(body))
        case 2: return .serverHello(try ServerHello(body))
        case 8:
            var reader = ByteReader(body)
            var extensions = ByteReader(try reader.readPrefixed(2, "EncryptedExtensions extensions"))
            var parameters: TransportParameters?
            while !extensions.isAtEnd {
                let extensionType = try extensions.readUInt16()
                let data = try extensions.readPrefixed(2, "EncryptedExtensions extension")
                if extensionType == TransportParameters.extensionType {
                    parameters = try TransportParameters(data)
                }
            }
            return .encryptedExtensions(parameters)
        case 11:
            var reader = ByteReader(body)
            _ = try reader.readPrefixed(1, "Certificate request context")
            var list = ByteReader(try reader.readPrefixed(3, "Certificate list"))
            var count = 0
            while !list.isAtEnd {
                _ = try list.readPrefixed(3, "Certificate entry")
                _ = try list.readPrefixed(2, "Certificate entry extensions")
                count += 1
            }
            return .certificate(count: count)
        default:
            return .other(type: type)
        }
    }
}
