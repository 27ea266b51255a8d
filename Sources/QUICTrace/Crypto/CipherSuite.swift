/// The TLS 1.3 cipher suites QUIC uses (RFC 9001 section 5.3), by IANA code.
public enum CipherSuite: UInt16, Sendable, Hashable, CaseIterable {
    case aes128GCMSHA256 = 0x1301
    case aes256GCMSHA384 = 0x1302
    case chacha20Poly1305SHA256 = 0x1303

    /// Length of the traffic secrets (the hash output).
    var secretLength: Int { self == .aes256GCMSHA384 ? 48 : 32 }

    /// Length of the AEAD and header-protection keys.
    var keyLength: Int { self == .aes128GCMSHA256 ? 16 : 32 }
}
