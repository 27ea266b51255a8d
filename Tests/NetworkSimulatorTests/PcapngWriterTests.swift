import Foundation
import Results
import Testing

@testable import NetworkSimulator

@Suite struct PcapngWriterTests {
    static let tshark = "/usr/bin/tshark"

    /// Writes `frames` (captured at the given wall-clock nanoseconds) to a new capture and returns its bytes.
    static func capture(_ frames: [([UInt8], UInt64)], interface: String = "eth0") throws -> (
        path: String, bytes: [UInt8]
    ) {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent(
            "qir-pcapng-\(getpid())-\(interface).pcap"
        ).path
        do {
            let writer = try PcapngWriter(path: path, interface: interface)
            for (frame, time) in frames {
                try frame.withUnsafeBytes { bytes in
                    try writer.record(bytes.baseAddress!, length: bytes.count, wallNanoseconds: time)
                }
            }
        }
        return (path, [UInt8](try Data(contentsOf: URL(fileURLWithPath: path))))
    }

    @Test func writesASectionAnInterfaceAndEnhancedPacketBlocks() throws {
        let frame = FrameBuilder.udp4(
            from: SimulatorAddressing.clientIPv4, 1, to: SimulatorAddressing.serverIPv4, 2, payload: [0x42, 0x43])
        let (path, data) = try Self.capture([(frame, 1_700_000_000_123_456_789)])
        defer { try? FileManager.default.removeItem(atPath: path) }
        func le32(_ offset: Int) -> UInt32 {
            (0..<4).reduce(0) { $0 | UInt32(data[offset + $1]) << (8 * UInt32($1)) }
        }
        // Section Header Block: type, length 48, byte-order magic, version 1.0, unknown length, shb_userappl.
        #expect(le32(0) == 0x0A0D_0D0A)
        #expect(le32(4) == 48)
        #expect(le32(8) == 0x1A2B_3C4D)
        #expect(Array(data[12..<24]) == [1, 0, 0, 0] + [UInt8](repeating: 0xFF, count: 8))
        #expect(Array(data[24..<28]) == [4, 0, 11, 0])
        #expect(String(decoding: data[28..<39], as: UTF8.self) == "interop-sim")
        #expect(le32(44) == 48)
        // Interface Description Block: Ethernet, snap length 65535, if_name eth0, if_tsresol 6 (microseconds).
        #expect(le32(48) == 1)
        #expect(le32(52) == 40)
        #expect(Array(data[56..<64]) == [1, 0, 0, 0, 0xFF, 0xFF, 0, 0])
        #expect(Array(data[64..<72]) == [2, 0, 4, 0] + Array("eth0".utf8))
        #expect(Array(data[72..<80]) == [9, 0, 1, 0, 6, 0, 0, 0])
        #expect(le32(84) == 40)
        // Enhanced Packet Block: interface 0, the time in microseconds, both lengths, the frame, padding.
        let padded = (frame.count + 3) / 4 * 4
        #expect(le32(88) == 6)
        #expect(le32(92) == UInt32(32 + padded))
        #expect(le32(96) == 0)
        #expect(UInt64(le32(100)) << 32 | UInt64(le32(104)) == 1_700_000_000_123_456)
        #expect(le32(108) == UInt32(frame.count))
        #expect(le32(112) == UInt32(frame.count))
        #expect(Array(data[116..<(116 + frame.count)]) == frame)
        #expect(data[(116 + frame.count)..<(116 + padded)].allSatisfy { $0 == 0 })
        #expect(le32(116 + padded) == UInt32(32 + padded))
        #expect(data.count == 120 + padded)
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: tshark), "needs tshark"))
    func tsharkReadsTheCapture() throws {
        let frames = (0..<3).map { index in
            (
                FrameBuilder.udp4(
                    from: SimulatorAddressing.clientIPv4, 4000, to: SimulatorAddressing.serverIPv4, 443,
                    payload: [UInt8](repeating: UInt8(index), count: 13 + index)),
                UInt64(1_700_000_000_000_000_000 + index * 1_500_000)
            )
        }
        let (path, _) = try Self.capture(frames, interface: "eth1")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Self.tshark)
        process.arguments = ["-r", path, "-T", "fields", "-e", "frame.len", "-e", "frame.time_epoch", "-e", "ip.src"]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        let rows = text.split(separator: "\n").map { $0.split(separator: "\t").map(String.init) }
        #expect(rows.map { Int($0[0]) } == frames.map { $0.0.count })
        #expect(rows.map { $0[1] } == ["1700000000.000000000", "1700000000.001500000", "1700000000.003000000"])
        #expect(rows.allSatisfy { $0[2] == SimulatorAddressing.clientIPv4 })
    }
}
