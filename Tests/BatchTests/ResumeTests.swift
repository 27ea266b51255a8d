import Batch
import Foundation
import Results
import Testing

@Suite struct ResumeTests {
    private func result(_ logPath: String, _ status: JobStatus = .succeeded) throws -> JobResult {
        let parts = logPath.split(separator: "/").map(String.init)
        let pair = parts[0].split(separator: "_").map(String.init)
        let id = JobID(
            server: pair[0], client: pair[1], test: parts[1], repetition: parts.count > 2 ? Int(parts[2]) : nil)
        return JobResult(id: id, status: status, start: Date(timeIntervalSince1970: 0), duration: 1)
    }

    /// Finished jobs are left out; a series goes on after its last finished repetition, unless one failed (it ended
    /// there).
    @Test func theRemainingJobs() throws {
        let folder = try TemporaryFolder()
        let configuration = try configuration(
            tests: "handshake,transfer,goodput", clients: "quic-go,ngtcp2", servers: "quic-go")
        let header = try sampleHeader(tests: "handshake,transfer,goodput")
        let journal = try Journal(path: folder.path + "/journal.jsonl", header: header)
        for done in [
            try result("quic-go_quic-go/handshake"), try result("quic-go_ngtcp2/transfer", .failed),
            try result("quic-go_quic-go/goodput/1"), try result("quic-go_quic-go/goodput/2"),
            try result("quic-go_ngtcp2/goodput/1", .failed),
        ] {
            try journal.append(done)
        }
        let point = try ResumePoint.load(journal: folder.path + "/journal.jsonl")
        let remaining = point.remaining(of: Plan(configuration))
        #expect(remaining.tests.map(\.id.logPath) == ["quic-go_quic-go/transfer", "quic-go_ngtcp2/handshake"])
        #expect(
            remaining.measurementSeries.map { $0.map(\.id.logPath) } == [
                (3...5).map { "quic-go_quic-go/goodput/\($0)" }
            ])
        #expect(
            RunAssembly.notRun(Plan(configuration).allJobs.map(\.id), finished: point.journal.results).map(\.logPath)
                == ["quic-go_quic-go/transfer", "quic-go_ngtcp2/handshake"]
                + (3...5).map { "quic-go_quic-go/goodput/\($0)" })
    }

    /// A journal of another matrix, seed or runner is refused with every difference named.
    @Test func anotherRunsJournalIsRefused() throws {
        let folder = try TemporaryFolder()
        _ = try Journal(path: folder.path + "/journal.jsonl", header: try sampleHeader())
        let point = try ResumePoint.load(journal: folder.path + "/journal.jsonl")
        try point.check(try sampleHeader(), journalPath: "j")
        #expect {
            try point.check(try sampleHeader(tests: "handshake", seed: 3), journalPath: "out/journal.jsonl")
        } throws: { error in
            (error as? RunnerError)?.code == .badInput
                && "\(error)"
                    == "cannot resume from out/journal.jsonl: it records another run; tests: handshake (60 s), transfer (60 s) in the journal, handshake (60 s) in this run; seed: 1 in the journal, 3 in this run"
        }
    }

    @Test func durations() {
        #expect(DurationText.parse("90s") == .seconds(90))
        #expect(DurationText.parse("45m") == .seconds(2_700))
        #expect(DurationText.parse("1h30m") == .seconds(5_400))
        #expect(DurationText.parse("2h5s") == .seconds(7_205))
        for bad in ["", "90", "0s", "1m1h", "1h1h", "h", "1.5h", "-5m", "5 m", "5M", "99999999999999999999h"] {
            #expect(DurationText.parse(bad) == nil, "\(bad)")
        }
        #expect(DurationText.format(.seconds(5_400)) == "1h30m")
        #expect(DurationText.format(.seconds(90)) == "1m30s")
        #expect(DurationText.format(.seconds(3_600)) == "1h")
    }
}
