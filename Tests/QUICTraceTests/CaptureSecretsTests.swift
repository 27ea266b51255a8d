import Foundation
import Testing

@testable import QUICTrace

/// The Decryption Secrets Block this module writes, against the pcapng specification, editcap's block and tshark.
@Suite struct CaptureSecretsTests {
    /// A copy of a committed pcapng fixture in a temporary file.
    static func copy(of fixture: Fixture, name: String) throws -> String {
        try CaptureMutation.write(try CaptureMutation.read(fixture.capturePath), name: name)
    }

    /// The blocks of a little-endian pcapng file: type and the whole block's bytes.
    static func blocks(_ bytes: [UInt8]) -> [(type: UInt32, bytes: [UInt8])] {
        func le32(_ offset: Int) -> UInt32 { (0..<4).reduce(0) { $0 | UInt32(bytes[offset + $1]) << (8 * UInt32($1)) } }
        var result: [(UInt32, [UInt8])] = []
        var position = 0
        while position + 12 <= bytes.count {
            let length = Int(le32(position + 4))
            result.append((le32(position), Array(bytes[position..<(position + length)])))
            position += length
        }
        return result
    }

    /// Runs tshark with `arguments`; returns its standard output.
    static func tshark(_ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Tshark.path)
        process.arguments = arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }

    @Test func blockLayoutFollowsThePcapngSpecification() {
        let secrets = Array("CLIENT_RANDOM x\n".utf8)
        #expect(
            CaptureSecrets.decryptionSecretsBlock(keyLog: secrets)
                == [0x0A, 0, 0, 0, 36, 0, 0, 0, 0x4B, 0x53, 0x4C, 0x54, 16, 0, 0, 0] + secrets + [36, 0, 0, 0])
        // 17 bytes of secrets: three bytes of padding, and the big-endian form of a big-endian section.
        let odd = Array("CLIENT_RANDOM xy\n".utf8)
        #expect(
            CaptureSecrets.decryptionSecretsBlock(keyLog: odd, bigEndian: true)
                == [0, 0, 0, 0x0A, 0, 0, 0, 40, 0x54, 0x4C, 0x53, 0x4B, 0, 0, 0, 17] + odd + [0, 0, 0] + [0, 0, 0, 40])
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/editcap"), "needs editcap (tshark)"))
    func theBlockIsEditcapsAndSitsBehindTheSectionHeader() throws {
        let fixture = Fixture.named("chacha")
        let path = try Self.copy(of: fixture, name: "embed-chacha.pcapng")
        let reference = CaptureMutation.temporaryPath("editcap-chacha.pcapng")
        defer { for file in [path, reference] { try? FileManager.default.removeItem(atPath: file) } }
        let editcap = Process()
        editcap.executableURL = URL(fileURLWithPath: "/usr/bin/editcap")
        editcap.arguments = ["--inject-secrets", "tls,\(fixture.keyLogPath)", fixture.capturePath, reference]
        try editcap.run()
        editcap.waitUntilExit()
        try #require(editcap.terminationStatus == 0)
        let before = Self.blocks(try CaptureMutation.read(fixture.capturePath))
        try CaptureSecrets.embed(
            keyLog: try String(contentsOfFile: fixture.keyLogPath, encoding: .utf8), into: path)
        let after = Self.blocks(try CaptureMutation.read(path))
        let editcapBlocks = Self.blocks(try CaptureMutation.read(reference))
        #expect(after.map(\.type) == [before[0].type, CaptureSecrets.blockType] + before.dropFirst().map(\.type))
        #expect(after[1].bytes == editcapBlocks.first { $0.type == CaptureSecrets.blockType }?.bytes)
        #expect(after[0].bytes == before[0].bytes && Array(after[2...].map(\.bytes)) == before[1...].map(\.bytes))
    }

    @Test(.enabled(if: Tshark.isAvailable, "needs tshark"))
    func tsharkAndThisReaderDecryptWithoutAKeyLogFile() throws {
        let fixture = Fixture.named("v2")
        let path = try Self.copy(of: fixture, name: "embed-v2.pcapng")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let arguments = [
            "-r", path, "-d", "udp.port==\(fixture.port),quic", "-T", "fields", "-e", "quic.stream.stream_id",
        ]
        #expect(try Self.tshark(arguments).split(separator: "\n").isEmpty, "no STREAM frame without the keys")
        #expect(TraceAnalysis.analyze(path: path).analysis.undecryptedPackets[.noKeys] ?? 0 > 0)
        try CaptureSecrets.embed(keyLog: try String(contentsOfFile: fixture.keyLogPath, encoding: .utf8), into: path)
        #expect(!(try Self.tshark(arguments)).split(separator: "\n").isEmpty, "STREAM frames decrypted by tshark")
        let analysis = TraceAnalysis.analyze(path: path).analysis
        #expect(analysis.undecryptedPackets.isEmpty)
        #expect(analysis.serverOneRTTPackets == (try fixture.analyze()).serverOneRTTPackets)
    }

    @Test func aFileThatIsNoPcapngStaysAsItWas() throws {
        let fixture = Fixture.named("handshake")
        let path = try CaptureMutation.write(try CaptureMutation.read(fixture.capturePath), name: "embed-classic.pcap")
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect {
            try CaptureSecrets.embed(keyLog: "CLIENT_RANDOM x y\n", into: path)
        } throws: { error in
            (error as? CaptureError)?.code == .unknownFormat && "\(error)".contains("not a pcapng file")
        }
        #expect(try CaptureMutation.read(path) == CaptureMutation.read(fixture.capturePath))
        #expect(!FileManager.default.fileExists(atPath: path + ".secrets"))
        #expect {
            try CaptureSecrets.embed(keyLog: "x", into: path + ".absent")
        } throws: { error in
            (error as? CaptureError)?.code == .cannotOpen
        }
    }
}
