import Foundation
import Testing

@testable import QUICTrace

/// Link types and file variants other than the fixtures' own give the same dissection.
struct CaptureFormatTests {
    /// Packet summaries (type, packet number, decryption) of a capture, for comparing variants.
    static func summary(_ path: String, keyLog: KeyLog) -> [String] {
        let reader = QUICTraceReader(path: path, keyLog: keyLog)
        return reader.flatMap { datagram in
            datagram.packets.map {
                "\(datagram.frame) \($0.type) \($0.packetNumber ?? 0) \($0.decryption) \(datagram.timestamp)"
            }
        }
    }

    /// Rewrites the Ethernet handshake fixture with another link type and per-frame header.
    static func relink(linkType: UInt8, header: (inout [UInt8]) -> Void) throws -> String {
        var bytes = try CaptureMutation.read(Fixture.named("handshake").capturePath)
        bytes[20] = linkType
        bytes[21] = 0
        let relinked = CaptureMutation.mapFrames(bytes) { _, frame in
            frame.removeFirst(14)
            header(&frame)
        }
        return try CaptureMutation.write(relinked, name: "link-\(linkType)")
    }

    @Test func linuxCookedAndRawIP() throws {
        let fixture = Fixture.named("handshake")
        let expected = Self.summary(fixture.capturePath, keyLog: try fixture.keyLog())
        let sll = try Self.relink(linkType: 113) { frame in
            frame.insert(contentsOf: [0, 0, 0, 1, 0, 6, 0, 0, 0, 0, 0, 0, 0, 0, 0x08, 0x00], at: 0)
        }
        let sll2 = try Self.relink(linkType: 20) { frame in
            frame.insert(contentsOf: [0x08, 0x00, 0, 0, 0, 0, 0, 1, 0, 1, 0, 6, 0, 0, 0, 0, 0, 0, 0, 0], at: 0)
        }
        let raw = try Self.relink(linkType: 101) { _ in }
        defer { for path in [sll, sll2, raw] { try? FileManager.default.removeItem(atPath: path) } }
        #expect(Self.summary(sll, keyLog: try fixture.keyLog()) == expected)
        #expect(Self.summary(raw, keyLog: try fixture.keyLog()) == expected)
        // Link type 276 does not fit one byte: patch the second byte too.
        var sll2Bytes = try CaptureMutation.read(sll2)
        sll2Bytes[20] = 0x14
        sll2Bytes[21] = 0x01
        let sll2Path = try CaptureMutation.write(sll2Bytes, name: "sll2")
        defer { try? FileManager.default.removeItem(atPath: sll2Path) }
        #expect(Self.summary(sll2Path, keyLog: try fixture.keyLog()) == expected)
    }

    @Test func nanosecondPcap() throws {
        let fixture = Fixture.named("handshake")
        var bytes = try CaptureMutation.read(fixture.capturePath)
        bytes.replaceSubrange(0..<4, with: [0x4d, 0x3c, 0xb2, 0xa1])
        var position = 24
        while position + 16 <= bytes.count {
            let micro =
                UInt32(bytes[position + 4]) | UInt32(bytes[position + 5]) << 8 | UInt32(bytes[position + 6]) << 16
                | UInt32(bytes[position + 7]) << 24
            let nano = micro * 1000
            for index in 0..<4 { bytes[position + 4 + index] = UInt8((nano >> (8 * UInt32(index))) & 0xff) }
            let length = Int(bytes[position + 8]) | Int(bytes[position + 9]) << 8
            position += 16 + length
        }
        let path = try CaptureMutation.write(bytes, name: "nano")
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(
            Self.summary(path, keyLog: try fixture.keyLog())
                == Self.summary(fixture.capturePath, keyLog: try fixture.keyLog()))
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/editcap"), "needs editcap (tshark)"))
    func keyLogEmbeddedInPcapng() throws {
        let fixture = Fixture.named("chacha")
        let path = CaptureMutation.temporaryPath("dsb.pcapng")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/editcap")
        process.arguments = ["--inject-secrets", "tls,\(fixture.keyLogPath)", fixture.capturePath, path]
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        let analysis = TraceAnalysis.analyze(path: path).analysis
        #expect(analysis.undecryptedPackets.isEmpty)
        #expect(analysis.selectedCipherSuites == [CipherSuite.chacha20Poly1305SHA256.rawValue])
        let withoutKeys = TraceAnalysis.analyze(path: fixture.capturePath).analysis
        #expect(withoutKeys.undecryptedPackets[.noKeys] ?? 0 > 0)
    }
}
