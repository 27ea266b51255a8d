@testable import NetworkSimulator

/// Builds Ethernet/IP/UDP frames for tests, with checksums computed by a straightforward reference
/// implementation independent of `Frame`'s.
enum FrameBuilder {
    static func referenceChecksum(_ bytes: [UInt8]) -> UInt16 {
        var sum: UInt32 = 0
        var index = 0
        while index < bytes.count {
            let high = UInt32(bytes[index])
            let low = index + 1 < bytes.count ? UInt32(bytes[index + 1]) : 0
            sum += high << 8 | low
            index += 2
        }
        while sum > 0xFFFF { sum = (sum & 0xFFFF) + (sum >> 16) }
        return ~UInt16(sum)
    }

    static func bytes(_ value: UInt16) -> [UInt8] { [UInt8(value >> 8), UInt8(value & 0xFF)] }

    static func ipv4Bytes(_ text: String) -> [UInt8] { text.split(separator: ".").map { UInt8($0)! } }

    /// An IPv4 UDP frame with valid header and UDP checksums.
    static func udp4(
        from source: String, _ sourcePort: UInt16, to destination: String, _ destinationPort: UInt16, payload: [UInt8],
        ttl: UInt8 = 64
    ) -> [UInt8] {
        let udpLength = 8 + payload.count
        var ip: [UInt8] = [0x45, 0] + bytes(UInt16(20 + udpLength)) + [0, 1, 0x40, 0, ttl, 17, 0, 0]
        ip += ipv4Bytes(source) + ipv4Bytes(destination)
        let headerChecksum = referenceChecksum(ip)
        ip[10] = UInt8(headerChecksum >> 8)
        ip[11] = UInt8(headerChecksum & 0xFF)
        var udp = bytes(sourcePort) + bytes(destinationPort) + bytes(UInt16(udpLength)) + [0, 0] + payload
        let pseudo = ipv4Bytes(source) + ipv4Bytes(destination) + [0, 17] + bytes(UInt16(udpLength))
        let udpChecksum = referenceChecksum(pseudo + udp)
        udp[6] = UInt8(udpChecksum >> 8)
        udp[7] = UInt8(udpChecksum & 0xFF)
        return [UInt8](repeating: 0xAA, count: 12) + [0x08, 0x00] + ip + udp
    }

    /// Whether the IPv4 header and UDP checksums of an IPv4 UDP frame verify.
    static func checksumsValid(_ frame: [UInt8]) -> Bool {
        let ip = Array(frame[14..<34])
        guard referenceChecksum(ip) == 0 else { return false }
        let udp = Array(frame[34...])
        let pseudo = Array(frame[26..<34]) + [0, 17] + bytes(UInt16(udp.count))
        return referenceChecksum(pseudo + udp) == 0
    }

    /// Runs `body` with a `Frame` over a copy of `bytes` and returns the bytes afterwards.
    static func withFrame(_ bytes: [UInt8], _ body: (Frame) -> Void) -> [UInt8] {
        var copy = bytes
        copy.withUnsafeMutableBytes { buffer in
            let frame = Frame.parse(base: buffer.baseAddress!, length: buffer.count)!
            body(frame)
        }
        return copy
    }
}
