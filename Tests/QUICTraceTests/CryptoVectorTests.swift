import Testing

@testable import QUICTrace

/// Key derivation and header protection against the test vectors of RFC 9001 appendix A and RFC 9369 appendix A.
struct CryptoVectorTests {
    static func bytes(_ hex: String) -> [UInt8] {
        var result: [UInt8] = []
        var index = hex.startIndex
        while index < hex.endIndex {
            let next = hex.index(index, offsetBy: 2)
            result.append(UInt8(hex[index..<next], radix: 16)!)
            index = next
        }
        return result
    }

    let dcid = bytes("8394c8f03e515708")

    @Test func initialSecretsV1() {
        let secrets = HKDFLabel.initialSecrets(destinationCID: dcid, version: QUICVersion.v1)
        #expect(secrets.client == Self.bytes("c00cf151ca5be075ed0ebfb5c80323c42d6b7db67881289af4008f1f6c357aea"))
        let key = HKDFLabel.expand(secret: secrets.client, label: "quic key", length: 16, suite: .aes128GCMSHA256)
        #expect(key == Self.bytes("1f369613dd76d5467730efcbe3b1a22d"))
        let hp = HKDFLabel.expand(secret: secrets.server, label: "quic hp", length: 16, suite: .aes128GCMSHA256)
        #expect(hp == Self.bytes("c206b8d9b9f0f37644430b490eeaa314"))
    }

    @Test func initialKeysV2() {
        let secrets = HKDFLabel.initialSecrets(destinationCID: dcid, version: QUICVersion.v2)
        let key = HKDFLabel.expand(secret: secrets.client, label: "quicv2 key", length: 16, suite: .aes128GCMSHA256)
        #expect(key == Self.bytes("8b1a0bc121284290a29e0971b5cd045d"))
        let hp = HKDFLabel.expand(secret: secrets.client, label: "quicv2 hp", length: 16, suite: .aes128GCMSHA256)
        #expect(hp == Self.bytes("45b95e15235d6f45a6b19cbcb0294ba9"))
    }

    @Test func aesHeaderProtectionMask() {
        let secrets = HKDFLabel.initialSecrets(destinationCID: dcid, version: QUICVersion.v1)
        let client = PacketProtection(secret: secrets.client, suite: .aes128GCMSHA256, version: QUICVersion.v1)
        let mask = client.headerProtectionMask(sample: Self.bytes("d1b1c98dd7689fb8ec11d242b123dc9b")[...])
        #expect(mask == Self.bytes("437b9aec36"))
    }

    @Test func chachaShortHeaderPacket() {
        // RFC 9001 A.5: a ChaCha20-Poly1305 short-header packet, packet number 654360564, payload 01 (PING).
        let secret = Self.bytes("9ac312a7f877468ebe69422748ad00a15443f18203a07d6060f688f30f21632b")
        let keys = PacketProtection(secret: secret, suite: .chacha20Poly1305SHA256, version: QUICVersion.v1)
        let packet = Self.bytes("4cfe4189655e5cd55c41f69080575d7999c25a5bfb")
        let mask = keys.headerProtectionMask(sample: packet[5..<21])
        #expect(mask == Self.bytes("aefefe7d03"))
        let header = Self.bytes("4200bff4")
        let plain = keys.open(ciphertext: packet[4...], header: header, packetNumber: 654_360_564)
        #expect(plain == [0x01])
        #expect(keys.updated().secret == Self.bytes("1223504755036d556342ee9361d253421a826c9ecdf3c7148684b36b714881f9"))
    }

    @Test func packetNumberDecoding() {
        // RFC 9000 A.3 example.
        #expect(PacketNumberSpace.decode(truncated: 0x9b32, bits: 16, largest: 0xa82f30ea) == 0xa82f9b32)
        #expect(PacketNumberSpace.decode(truncated: 0, bits: 8, largest: -1) == 0)
        #expect(PacketNumberSpace.decode(truncated: 0x01, bits: 8, largest: 0xff) == 0x101)
    }
}
