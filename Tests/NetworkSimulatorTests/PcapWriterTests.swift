import Foundation
import Testing

@testable import NetworkSimulator

@Suite struct PcapWriterTests {
    @Test func writesClassicEthernetPcapWithMicrosecondRecords() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("qir-pcap-\(getpid()).pcap").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let frame = FrameBuilder.udp4(from: "193.167.0.100", 1, to: "193.167.100.100", 2, payload: [0x42, 0x43])
        do {
            let writer = try PcapWriter(path: path)
            try frame.withUnsafeBytes { bytes in
                try writer.record(bytes.baseAddress!, length: bytes.count, wallNanoseconds: 1_700_000_000_123_456_789)
            }
        }
        let data = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        func le32(_ offset: Int) -> UInt32 {
            (0..<4).reduce(0) { $0 | UInt32(data[offset + $1]) << (8 * UInt32($1)) }
        }
        #expect(le32(0) == 0xA1B2_C3D4)
        #expect(le32(16) == 65_535)
        #expect(le32(20) == 1, "LINKTYPE_ETHERNET")
        #expect(le32(24) == 1_700_000_000)
        #expect(le32(28) == 123_456)
        #expect(le32(32) == UInt32(frame.count))
        #expect(le32(36) == UInt32(frame.count))
        #expect(Array(data[40...]) == frame)
    }
}
