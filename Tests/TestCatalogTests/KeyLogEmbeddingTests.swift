import Foundation
import QUICTrace
import Results
import Testing

@testable import TestCatalog

/// After a job the selected key log goes into both captures (upstream's `editcap --inject-secrets`, #406/#412).
@Suite struct KeyLogEmbeddingTests {
    /// A job's log folders in `root` holding a fixture's captures (with their Decryption Secrets Blocks removed, as
    /// the simulator writes them) and key logs.
    static func jobLogs(from fixture: TraceFixture, in root: URL, keyLogs: Bool = true) throws -> JobArtifacts {
        let source = fixture.artifacts()
        let logs = ["sim", "client", "server"].map { root.appending(path: $0, directoryHint: .isDirectory) }
        for folder in logs { try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true) }
        let artifacts = JobArtifacts(simulatorLogs: logs[0], clientLogs: logs[1], serverLogs: logs[2])
        for (from, to) in [
            (source.clientSideTrace, artifacts.clientSideTrace), (source.serverSideTrace, artifacts.serverSideTrace),
        ] {
            let bytes = [UInt8](try Data(contentsOf: try #require(from)))
            try Data(withoutSecrets(bytes)).write(to: try #require(to))
        }
        if keyLogs {
            try FileManager.default.copyItem(
                at: try #require(source.clientKeyLog), to: try #require(artifacts.clientKeyLog))
            try FileManager.default.copyItem(
                at: try #require(source.serverKeyLog), to: try #require(artifacts.serverKeyLog))
        }
        return artifacts
    }

    /// A little-endian pcapng file without its Decryption Secrets Blocks.
    static func withoutSecrets(_ bytes: [UInt8]) -> [UInt8] {
        var result: [UInt8] = []
        var position = 0
        while position + 12 <= bytes.count {
            let type = (0..<4).reduce(UInt32(0)) { $0 | UInt32(bytes[position + $1]) << (8 * UInt32($1)) }
            let length = (4..<8).reduce(0) { $0 | Int(bytes[position + $1]) << (8 * ($1 - 4)) }
            if type != CaptureSecrets.blockType { result += bytes[position..<(position + length)] }
            position += length
        }
        return result
    }

    @Test func theClientsKeyLogGoesIntoBothCapturesAsTheRunnerWroteThem() throws {
        try withTemporaryDirectory { root in
            let artifacts = try Self.jobLogs(from: .postQuantum, in: root)
            let bare = try Data(contentsOf: try #require(artifacts.clientSideTrace))
            let path = try #require(artifacts.clientSideTrace).path
            #expect(TraceAnalysis.analyze(path: path).analysis.undecryptedPackets[.noKeys] ?? 0 > 0)
            #expect(
                artifacts.embedKeyLog()
                    == "key log: the client's key log embedded in \(SimulatorCapture.clientSide) and \(SimulatorCapture.serverSide)"
            )
            let fixture = TraceFixture.postQuantum.artifacts()
            // The committed captures are the runner's own output of the same job: byte for byte the same.
            #expect(
                try Data(contentsOf: try #require(artifacts.clientSideTrace))
                    == Data(contentsOf: try #require(fixture.clientSideTrace)))
            #expect(
                try Data(contentsOf: try #require(artifacts.serverSideTrace))
                    == Data(contentsOf: try #require(fixture.serverSideTrace)))
            #expect(try Data(contentsOf: try #require(artifacts.clientSideTrace)).count > bare.count)
        }
    }

    @Test func withoutAValidKeyLogNothingIsEmbedded() throws {
        try withTemporaryDirectory { root in
            let artifacts = try Self.jobLogs(from: .postQuantum, in: root, keyLogs: false)
            let before = try Data(contentsOf: try #require(artifacts.clientSideTrace))
            #expect(
                artifacts.embedKeyLog()
                    == "key log: not embedded in the captures, neither endpoint wrote a valid key log")
            #expect(try Data(contentsOf: try #require(artifacts.clientSideTrace)) == before)
        }
    }

    @Test func aCaptureThatCannotTakeTheKeysIsNamedAndLeftAsItWas() throws {
        try withTemporaryDirectory { root in
            var artifacts = try Self.jobLogs(from: .postQuantum, in: root)
            let classic = try #require(TraceFixture.handshake.artifacts().clientSideTrace)
            try FileManager.default.removeItem(at: try #require(artifacts.clientSideTrace))
            try FileManager.default.copyItem(at: classic, to: try #require(artifacts.clientSideTrace))
            try FileManager.default.removeItem(at: try #require(artifacts.serverSideTrace))
            let line = artifacts.embedKeyLog()
            #expect(
                line.hasPrefix(
                    "key log: the client's key log was not embedded; cannot embed it in \(SimulatorCapture.clientSide): "
                ))
            #expect(line.contains("is not a pcapng file"))
            #expect(line.hasSuffix("; \(SimulatorCapture.serverSide) is missing"))
            #expect(try Data(contentsOf: try #require(artifacts.clientSideTrace)) == Data(contentsOf: classic))
            artifacts.serverSideTrace = nil
            #expect(
                artifacts.embedKeyLog().hasPrefix("key log: the client's key log was not embedded; cannot embed it"))
        }
    }
}
