import Crypto
import _CryptoExtras

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// The keys protecting one direction of one epoch (RFC 9001 section 5): AEAD key and IV, and the header-protection
/// key, derived from a traffic secret with the version's labels.
struct PacketProtection {
    /// The suite the keys belong to.
    let suite: CipherSuite
    /// The version whose labels derived the keys.
    let version: UInt32
    /// The traffic secret, kept for key updates.
    let secret: [UInt8]
    private let key: SymmetricKey
    private let iv: [UInt8]
    private let headerProtectionKey: SymmetricKey

    /// Derives the keys from `secret`.
    init(secret: [UInt8], suite: CipherSuite, version: UInt32) {
        self.init(secret: secret, suite: suite, version: version, headerProtectionKey: nil)
    }

    private init(secret: [UInt8], suite: CipherSuite, version: UInt32, headerProtectionKey: SymmetricKey?) {
        let prefix = QUICVersion.labelPrefix(version)
        self.suite = suite
        self.version = version
        self.secret = secret
        key = SymmetricKey(
            data: HKDFLabel.expand(secret: secret, label: prefix + "key", length: suite.keyLength, suite: suite))
        iv = HKDFLabel.expand(secret: secret, label: prefix + "iv", length: 12, suite: suite)
        self.headerProtectionKey =
            headerProtectionKey
            ?? SymmetricKey(
                data: HKDFLabel.expand(secret: secret, label: prefix + "hp", length: suite.keyLength, suite: suite))
    }

    /// The keys of the next key phase (RFC 9001 section 6.1: `quic ku`, or `quicv2 ku`); the header-protection
    /// key does not change.
    func updated() -> PacketProtection {
        let next = HKDFLabel.expand(
            secret: secret, label: QUICVersion.labelPrefix(version) + "ku", length: suite.secretLength, suite: suite)
        return PacketProtection(secret: next, suite: suite, version: version, headerProtectionKey: headerProtectionKey)
    }

    /// The 5-byte header-protection mask for a 16-byte `sample` (RFC 9001 sections 5.4.3 and 5.4.4).
    func headerProtectionMask(sample: ArraySlice<UInt8>) -> [UInt8]? {
        assert(sample.count == 16)
        switch suite {
        case .aes128GCMSHA256, .aes256GCMSHA384:
            var block = Array(sample)
            guard (try? AES.permute(&block, key: headerProtectionKey)) != nil else { return nil }
            return Array(block.prefix(5))
        case .chacha20Poly1305SHA256:
            let start = sample.startIndex
            let counter =
                UInt32(sample[start]) | UInt32(sample[start + 1]) << 8 | UInt32(sample[start + 2]) << 16
                | UInt32(sample[start + 3]) << 24
            guard let nonce = try? Insecure.ChaCha20CTR.Nonce(data: sample.dropFirst(4)),
                let count = try? Insecure.ChaCha20CTR.Counter(offset: counter),
                let mask = try? Insecure.ChaCha20CTR.encrypt(
                    [UInt8](repeating: 0, count: 5), using: headerProtectionKey, counter: count, nonce: nonce)
            else { return nil }
            return Array(mask)
        }
    }

    /// Decrypts and authenticates a payload; nil when it does not authenticate.
    func open(ciphertext: ArraySlice<UInt8>, header: [UInt8], packetNumber: UInt64) -> [UInt8]? {
        guard ciphertext.count >= 16 else { return nil }
        var nonce = iv
        for index in 0..<8 {
            nonce[11 - index] ^= UInt8(truncatingIfNeeded: packetNumber >> (8 * UInt64(index)))
        }
        let body = ciphertext.dropLast(16)
        let tag = ciphertext.suffix(16)
        switch suite {
        case .aes128GCMSHA256, .aes256GCMSHA384:
            guard let sealed = try? AES.GCM.SealedBox(nonce: AES.GCM.Nonce(data: nonce), ciphertext: body, tag: tag),
                let plain = try? AES.GCM.open(sealed, using: key, authenticating: header)
            else { return nil }
            return Array(plain)
        case .chacha20Poly1305SHA256:
            guard
                let sealed = try? ChaChaPoly.SealedBox(
                    nonce: ChaChaPoly.Nonce(data: nonce), ciphertext: body, tag: tag),
                let plain = try? ChaChaPoly.open(sealed, using: key, authenticating: header)
            else { return nil }
            return Array(plain)
        }
    }
}
