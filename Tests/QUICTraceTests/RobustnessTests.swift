import Foundation
import Results
import Testing

@testable import QUICTrace

/// Garbage, truncated and mutated input gives diagnostics, never a crash or a hang.
@Suite("Robustness", .timeLimit(.minutes(2)))
struct RobustnessTests {
    @Test func missingFile() {
        let reader = QUICTraceReader(path: "/nonexistent/capture.pcap")
        #expect(Array(reader).isEmpty)
        #expect(reader.diagnostics.map(\.code) == [.malformedFile])
        #expect(reader.diagnostics.first?.message.contains("/nonexistent/capture.pcap") == true)
    }

    @Test func notACapture() throws {
        let path = try CaptureMutation.write(Array("hello, this is not a capture".utf8), name: "text")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let reader = QUICTraceReader(path: path)
        #expect(Array(reader).isEmpty)
        #expect(reader.diagnostics.map(\.code) == [.unknownFileFormat])
    }

    @Test("truncated files keep the frames before the cut", arguments: ["handshake", "chacha"])
    func truncated(_ name: String) throws {
        let fixture = Fixture.named(name)
        let original = try CaptureMutation.read(fixture.capturePath)
        let complete = try fixture.read().datagrams.count
        for cut in stride(from: 30, to: original.count, by: original.count / 7) {
            let path = try CaptureMutation.write(Array(original.prefix(cut)), name: "cut-\(name)-\(cut)")
            defer { try? FileManager.default.removeItem(atPath: path) }
            let reader = QUICTraceReader(path: path, keyLog: try fixture.keyLog())
            let datagrams = Array(reader)
            #expect(datagrams.count < complete)
            #expect(reader.diagnostics.contains { $0.code == .truncatedFile }, "cut at \(cut): \(reader.diagnostics)")
        }
    }

    @Test func randomBytesAfterValidHeaders() throws {
        var generator = SeededGenerator(seed: 1)
        let pcapHeader: [UInt8] =
            [0xd4, 0xc3, 0xb2, 0xa1, 2, 0, 4, 0] + [UInt8](repeating: 0, count: 8)
            + [0xff, 0xff, 0, 0, 101, 0, 0, 0]
        let pcapngHeader: [UInt8] =
            [0x0a, 0x0d, 0x0d, 0x0a, 28, 0, 0, 0, 0x4d, 0x3c, 0x2b, 0x1a, 1, 0, 0, 0]
            + [UInt8](repeating: 0xff, count: 8) + [28, 0, 0, 0]
        for round in 0..<60 {
            let body = (0..<generator.uniform(below: 4000)).map { _ in generator.uniform(in: UInt8.min...UInt8.max) }
            let path = try CaptureMutation.write(
                (round % 2 == 0 ? pcapHeader : pcapngHeader) + body, name: "random-\(round)")
            defer { try? FileManager.default.removeItem(atPath: path) }
            let reader = QUICTraceReader(path: path)
            var analysis = TraceAnalysis()
            for datagram in reader { analysis.add(datagram) }
            #expect(reader.frameCount >= 0)
        }
    }

    @Test(
        "mutated fixtures are dissected without crashing", arguments: ["handshake", "keyupdate", "retry", "resumption"])
    func mutated(_ name: String) throws {
        let fixture = Fixture.named(name)
        let original = try CaptureMutation.read(fixture.capturePath)
        var generator = SeededGenerator(seed: UInt64(name.count))
        var diagnosticsSeen = 0
        for round in 0..<60 {
            let mutated = CaptureMutation.mapFrames(original) { _, frame in
                // Leave link, IP and UDP headers (42 bytes) mostly intact so QUIC parsing is what gets exercised.
                guard frame.count > 42, generator.uniform(below: 3) == 0 else { return }
                for _ in 0..<generator.uniform(in: 1...4) {
                    let index = generator.uniform(in: 42...(frame.count - 1))
                    frame[index] = generator.uniform(in: UInt8.min...UInt8.max)
                }
                if generator.uniform(below: 4) == 0 {
                    frame.removeLast(generator.uniform(below: frame.count - 42))
                }
            }
            let path = try CaptureMutation.write(mutated, name: "mutated-\(name)-\(round)")
            defer { try? FileManager.default.removeItem(atPath: path) }
            let result = TraceAnalysis.analyze(path: path, keyLog: try fixture.keyLog())
            diagnosticsSeen += result.diagnostics.count
        }
        #expect(diagnosticsSeen > 0)
    }

    @Test func ecnCodepointsAreRead() throws {
        let fixture = Fixture.named("handshake")
        let original = try CaptureMutation.read(fixture.capturePath)
        // Mark every IPv4 packet ECT(0) (the TOS byte follows the 14-byte Ethernet header and the version byte).
        let marked = CaptureMutation.mapFrames(original) { _, frame in frame[15] = (frame[15] & ~3) | 2 }
        let path = try CaptureMutation.write(marked, name: "ecn")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let analysis = TraceAnalysis.analyze(path: path, keyLog: try fixture.keyLog()).analysis
        #expect(analysis.ecnCounts[.fromClient]?[.ect0] ?? 0 > 0)
        #expect(analysis.ecnCounts[.fromServer]?[.ect0] ?? 0 > 0)
        #expect(analysis.ecnCounts[.fromClient]?[.notECT] == nil)
    }

    @Test func garbageKeyLogLinesAreReported() {
        let keyLog = KeyLog(
            text:
                "CLIENT_TRAFFIC_SECRET_0 zz 00\n# comment\nSERVER_HANDSHAKE_TRAFFIC_SECRET \(String(repeating: "ab", count: 32)) \(String(repeating: "cd", count: 32))\n"
        )
        #expect(keyLog.problems.count == 1)
        #expect(keyLog.connectionCount == 1)
    }
}
