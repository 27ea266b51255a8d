import Batch
import Foundation
import Results
import Testing

/// A journal header for a small matrix of the test registry.
func sampleHeader(
    tests: String = "handshake,transfer", seed: UInt64 = 1, version: String = "test", shard: ShardSelector? = nil
) throws -> JournalHeader {
    let configuration = try configuration(tests: tests, clients: "quic-go,ngtcp2", servers: "quic-go", seed: seed) {
        $0.shard = shard
    }
    return JournalHeader(
        matrix: MatrixIdentity(configuration), seed: configuration.seed, runnerVersion: version, shard: shard,
        start: Date(timeIntervalSince1970: 1_700_000_000), implementations: [:], programs: configuration.programs,
        tests: configuration.tests.map(\.descriptor), measurements: configuration.measurements.map(\.descriptor),
        traces: .failed)
}

@Suite struct JournalTests {
    private func result(_ test: String) -> JobResult {
        JobResult(
            id: JobID(server: "s", client: "c", test: test), status: .failed, reason: "file 1 differs",
            start: Date(timeIntervalSince1970: 1_700_000_000.25), duration: 1.5, seed: 42)
    }

    @Test func roundTripsAndSkipsALineCutByAKill() throws {
        let folder = try TemporaryFolder()
        let path = folder.path + "/journal.jsonl"
        let header = try sampleHeader()
        let journal = try Journal(path: path, header: header)
        try journal.append(result("handshake"))
        var retried = result("transfer")
        retried.attempts = [
            JobAttempt(
                number: 1, status: .timeout, reason: "slow", start: Date(timeIntervalSince1970: 1_700_000_000),
                duration: 60,
                seed: 3)
        ]
        try journal.append(retried)
        // What the reports say of a failure is kept too: a resumed or merged run rebuilds them from the journal.
        var explained = result("retry")
        explained.detail = "what the client printed:\nsupports everything"
        explained.evidence = JobEvidence(
            serverOutput: "listening", clientOutput: "error: 3", files: ["s_c/retry/output.txt"])
        try journal.append(explained)
        // What a kill in the middle of a write leaves behind.
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        handle.seekToEndOfFile()
        handle.write(Data(#"{"duration":1,"id":{"client""#.utf8))
        try handle.close()
        let read = try Journal.load(path: path)
        #expect(read.header == header)
        #expect(read.results == [result("handshake"), retried, explained])
    }

    /// A journal continued after a kill loses nothing: the cut line goes, the next result lands on a line of its own.
    @Test func continuingCutsTheDamagedLineOff() throws {
        let folder = try TemporaryFolder()
        let path = folder.path + "/journal.jsonl"
        let journal = try Journal(path: path, header: try sampleHeader())
        try journal.append(result("handshake"))
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        handle.seekToEndOfFile()
        handle.write(Data(#"{"duration":1,"id""#.utf8))
        try handle.close()
        let continued = try Journal(continuing: path)
        try continued.append(result("transfer"))
        let after = try Data(contentsOf: URL(fileURLWithPath: path))
        #expect(after.prefix(before.count) == before)
        #expect(try Journal.read(path: path) == [result("handshake"), result("transfer")])
    }

    @Test func aDamagedLineInsideOrAMissingHeaderIsAnError() throws {
        let folder = try TemporaryFolder()
        let path = folder.path + "/journal.jsonl"
        let journal = try Journal(path: path, header: try sampleHeader())
        try journal.append(result("handshake"))
        var text = try String(contentsOfFile: path, encoding: .utf8)
        text += "{\"not\": \"a result\"}\n"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        #expect {
            try Journal.load(path: path)
        } throws: { error in
            "\(error)" == "\(path):3: not a job result (missing \"id\")"
        }
        let headless = folder.path + "/headless.jsonl"
        try String(text.split(separator: "\n")[1] + "\n").write(toFile: headless, atomically: true, encoding: .utf8)
        #expect {
            try Journal.load(path: headless)
        } throws: { error in
            "\(error)".hasPrefix("\(headless):1: not a journal header")
        }
    }

    @Test func unwritableJournalIsARunnerError() throws {
        let header = try sampleHeader()
        #expect {
            try Journal(path: "/nonexistent-folder/journal.jsonl", header: header)
        } throws: { error in
            (error as? RunnerError)?.code == .unwritableOutput
                && "\(error)"
                    == "cannot create the journal /nonexistent-folder/journal.jsonl: No such file or directory"
        }
    }

    /// Each difference is named with both values.
    @Test func headersNameTheirDifferences() throws {
        let base = try sampleHeader()
        #expect(base.differences(from: base, mine: "a", theirs: "b").isEmpty)
        let other = try sampleHeader(
            tests: "handshake", seed: 2, version: "other", shard: ShardSelector(index: 1, count: 2))
        #expect(
            base.differences(from: other, mine: "the journal", theirs: "this run") == [
                "tests: handshake (60 s), transfer (60 s) in the journal, handshake (60 s) in this run",
                "seed: 1 in the journal, 2 in this run",
                "runner version: test in the journal, other in this run",
                "part: the whole matrix in the journal, shard 1/2 in this run",
            ])
    }
}
