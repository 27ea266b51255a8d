/// QUIC version numbers the dissector knows, and the version-specific constants they select.
public enum QUICVersion {
    /// Version Negotiation packets carry version 0.
    public static let negotiation: UInt32 = 0
    /// QUIC version 1 (RFC 9000).
    public static let v1: UInt32 = 0x0000_0001
    /// QUIC version 2 (RFC 9369).
    public static let v2: UInt32 = 0x6b33_43cf

    /// True for versions whose packets this module can decrypt.
    static func isSupported(_ version: UInt32) -> Bool { version == v1 || version == v2 }

    /// The long-header packet type for the two type bits of `version` (RFC 9369 section 3.2 reorders them).
    static func longPacketType(bits: UInt8, version: UInt32) -> PacketType {
        if version == v2 {
            return [PacketType.retry, .initial, .zeroRTT, .handshake][Int(bits & 3)]
        }
        return [PacketType.initial, .zeroRTT, .handshake, .retry][Int(bits & 3)]
    }

    /// The Initial salt of RFC 9001 section 5.2 / RFC 9369 section 3.3.1.
    static func initialSalt(_ version: UInt32) -> [UInt8] {
        version == v2
            ? [
                0x0d, 0xed, 0xe3, 0xde, 0xf7, 0x00, 0xa6, 0xdb, 0x81, 0x93, 0x81, 0xbe, 0x6e, 0x26, 0x9d, 0xcb, 0xf9,
                0xbd,
                0x2e, 0xd9,
            ]
            : [
                0x38, 0x76, 0x2c, 0xf7, 0xf5, 0x59, 0x34, 0xb3, 0x4d, 0x17, 0x9a, 0xe6, 0xa4, 0xc8, 0x0c, 0xad, 0xcc,
                0xbb,
                0x7f, 0x0a,
            ]
    }

    /// The HKDF label prefix for packet protection keys: `quic ` for v1, `quicv2 ` for v2.
    static func labelPrefix(_ version: UInt32) -> String { version == v2 ? "quicv2 " : "quic " }
}
