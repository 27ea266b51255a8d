import Crypto

/// TLS 1.3 HKDF-Expand-Label (RFC 8446 section 7.1) and the QUIC Initial secret extraction (RFC 9001 section 5.2).
enum HKDFLabel {
    /// HKDF-Expand-Label(secret, label, "", length) with the suite's hash.
    static func expand(secret: [UInt8], label: String, length: Int, suite: CipherSuite) -> [UInt8] {
        let fullLabel = Array("tls13 \(label)".utf8)
        var info: [UInt8] = [UInt8(length >> 8), UInt8(length & 0xff), UInt8(fullLabel.count)]
        info += fullLabel
        info.append(0)
        let key = SymmetricKey(data: secret)
        let output: SymmetricKey =
            suite == .aes256GCMSHA384
            ? HKDF<SHA384>.expand(pseudoRandomKey: key, info: info, outputByteCount: length)
            : HKDF<SHA256>.expand(pseudoRandomKey: key, info: info, outputByteCount: length)
        return output.withUnsafeBytes { Array($0) }
    }

    /// The client's and server's Initial secrets for the client's first destination connection ID.
    static func initialSecrets(destinationCID: [UInt8], version: UInt32) -> (client: [UInt8], server: [UInt8]) {
        let initial = HKDF<SHA256>.extract(
            inputKeyMaterial: SymmetricKey(data: destinationCID), salt: QUICVersion.initialSalt(version))
        let secret = initial.withUnsafeBytes { Array($0) }
        return (
            expand(secret: secret, label: "client in", length: 32, suite: .aes128GCMSHA256),
            expand(secret: secret, label: "server in", length: 32, suite: .aes128GCMSHA256)
        )
    }
}
