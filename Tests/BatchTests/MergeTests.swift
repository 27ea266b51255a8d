import Batch
import Foundation
import Results
import Testing

/// Shard outputs written with the runner's own journal and manifest, so `ShardMerge` reads what a shard writes.
@Suite struct MergeTests {
    private let tests = "handshake,transfer,goodput"

    private func plan() throws -> (RunConfiguration, Plan) {
        let configuration = try configuration(tests: tests, clients: "quic-go,ngtcp2", servers: "quic-go,ngtcp2")
        return (configuration, Plan(configuration))
    }

    private func result(_ id: JobID, _ status: JobStatus = .succeeded) -> JobResult {
        JobResult(id: id, status: status, start: Date(timeIntervalSince1970: 1_700_000_100), duration: 1, seed: 5)
    }

    /// Writes shard `index` of `count` into `folder`, with every job of its part (less `leaving`) finished.
    @discardableResult
    private func writeShard(
        _ index: Int, of count: Int, in folder: String, seed: UInt64 = 1, version: String = "test",
        leaving: Set<JobID> = [], status: (JobID) -> JobStatus = { _ in .succeeded }
    ) throws -> String {
        let (configuration, plan) = try plan()
        let selector = try #require(ShardSelector(index: index, count: count))
        let ids = ShardPartition(plan, count: count).jobs(of: selector)
        let jobs = plan.allJobs.map(\.id).filter(ids.contains)
        let dir = folder + "/shard-\(index)-\(UInt32.random(in: 0...UInt32.max))"
        try FileManager.default.createDirectory(atPath: dir + "/logs", withIntermediateDirectories: true)
        var header = JournalHeader(
            matrix: MatrixIdentity(configuration), seed: seed, runnerVersion: version, shard: selector,
            start: Date(timeIntervalSince1970: 1_700_000_000 + Double(index)), implementations: [:], programs: [:],
            tests: configuration.tests.map(\.descriptor), measurements: configuration.measurements.map(\.descriptor),
            traces: .failed)
        for name in configuration.clients + configuration.servers {
            header.implementations[name] = configuration.registry[name]
        }
        let journal = try Journal(path: dir + "/journal.jsonl", header: header)
        for id in jobs where !leaving.contains(id) {
            try journal.append(result(id, status(id)))
            try FileManager.default.createDirectory(
                atPath: dir + "/logs/" + id.logPath, withIntermediateDirectories: true)
            try "\(id)".write(toFile: dir + "/logs/" + id.logPath + "/output.txt", atomically: true, encoding: .utf8)
        }
        try ShardManifest(shard: selector, jobs: jobs, end: Date(timeIntervalSince1970: 1_700_000_500 + Double(index)))
            .write(into: dir)
        return dir
    }

    /// Three shards merge into the whole matrix: every job once, in plan order, auto-unsupported over the whole
    /// matrix (a client that failed a test against both servers, whose jobs sit in different shards), the earliest
    /// start and the latest end, one log tree.
    @Test func shardsMergeIntoTheWholeMatrix() throws {
        let folder = try TemporaryFolder()
        let (_, plan) = try plan()
        let failing: (JobID) -> JobStatus = { $0.client == "ngtcp2" && $0.test == "transfer" ? .failed : .succeeded }
        let dirs = try (1...3).map { try writeShard($0, of: 3, in: folder.path, status: failing) }
        let merge = try ShardMerge(folders: dirs.reversed())
        let (result, notes) = merge.result(logDir: folder.path + "/merged/logs")
        #expect(result.jobs.map(\.id) == plan.allJobs.map(\.id))
        #expect(result.start == Date(timeIntervalSince1970: 1_700_000_001))
        #expect(result.end == Date(timeIntervalSince1970: 1_700_000_503))
        #expect(result.incompleteReason == nil)
        #expect(
            notes == [
                "Client ngtcp2 failed or did not support test transfer against all servers, marking the entire test as \"unsupported\""
            ])
        let transfers = result.jobs.filter { $0.id.client == "ngtcp2" && $0.id.test == "transfer" }
        #expect(
            transfers.count == 2 && transfers.allSatisfy { $0.status == .unsupported && $0.observedStatus == .failed })
        try merge.combineLogs(into: folder.path + "/merged/logs")
        for id in plan.allJobs.map(\.id) {
            #expect(FileManager.default.fileExists(atPath: folder.path + "/merged/logs/" + id.logPath + "/output.txt"))
        }
        try merge.writeJournal(to: folder.path + "/merged/journal.jsonl")
        let journal = try Journal.load(path: folder.path + "/merged/journal.jsonl")
        #expect(journal.header.shard == nil)
        #expect(journal.results.map(\.id) == plan.allJobs.map(\.id))
        #expect(journal.results.filter { $0.status == .failed }.count == 2, "the journal keeps what the jobs said")
    }

    @Test func missingShardsAreNamed() throws {
        let folder = try TemporaryFolder()
        let dirs = try [1, 3].map { try writeShard($0, of: 4, in: folder.path) }
        #expect {
            try ShardMerge(folders: dirs)
        } throws: { error in
            (error as? RunnerError)?.code == .badInput
                && "\(error)" == "missing shards 2, 4 of 4; give the output folder of every shard"
        }
    }

    @Test func aShardGivenTwiceIsRefused() throws {
        let folder = try TemporaryFolder()
        let first = try writeShard(1, of: 2, in: folder.path)
        let again = try writeShard(1, of: 2, in: folder.path)
        #expect {
            try ShardMerge(folders: [first, again])
        } throws: { error in
            "\(error)" == "shard 1/2 is given twice: \(first) and \(again)"
        }
    }

    @Test(arguments: ["seed", "version", "matrix", "count"]) func shardsOfDifferentRunsAreRefused(_ difference: String)
        throws
    {
        let folder = try TemporaryFolder()
        let first = try writeShard(1, of: 2, in: folder.path)
        let other: String
        let expected: String
        switch difference {
        case "seed":
            other = try writeShard(2, of: 2, in: folder.path, seed: 9)
            expected = "seed: 1 in \(first), 9 in \(other)"
        case "version":
            other = try writeShard(2, of: 2, in: folder.path, version: "0.2.0")
            expected = "runner version: test in \(first), 0.2.0 in \(other)"
        case "count":
            other = try writeShard(2, of: 3, in: folder.path)
            expected = "\(first) is one of 2 shards, \(other) one of 3"
        default:
            other = try writeShard(2, of: 2, in: folder.path)
            var text = try String(contentsOfFile: other + "/journal.jsonl", encoding: .utf8)
            text = text.replacingOccurrences(of: #""name":"transfer""#, with: #""name":"retry""#)
            try text.write(toFile: other + "/journal.jsonl", atomically: true, encoding: .utf8)
            expected =
                "tests: handshake (60 s), transfer (60 s) in \(first), handshake (60 s), retry (60 s) in \(other)"
        }
        #expect {
            try ShardMerge(folders: [first, other])
        } throws: { error in
            (error as? RunnerError)?.code == .badInput && "\(error)" == "the shards are not of one run: \(expected)"
        }
    }

    /// A shard that did not get through its jobs still merges; the merged run says it is incomplete.
    @Test func anUnfinishedShardMakesAnIncompleteRun() throws {
        let folder = try TemporaryFolder()
        let (_, plan) = try plan()
        let ids = ShardPartition(plan, count: 2).jobs(of: try #require(ShardSelector(index: 2, count: 2)))
        let left = try #require(plan.tests.map(\.id).first { ids.contains($0) })
        let dirs = [
            try writeShard(1, of: 2, in: folder.path), try writeShard(2, of: 2, in: folder.path, leaving: [left]),
        ]
        let merge = try ShardMerge(folders: dirs)
        #expect(merge.incompleteReason == "shard 2/2: 1 of its \(ids.count) jobs did not run")
        #expect(merge.result(logDir: "logs").result.jobs.count == plan.allJobs.count - 1)
    }

    @Test func aFolderThatIsNotAShardIsNamed() throws {
        let folder = try TemporaryFolder()
        #expect {
            try ShardMerge(folders: [folder.path])
        } throws: { error in
            "\(error)".hasPrefix("\(folder.path) is not a shard's output: cannot read \(folder.path)/shard.json")
        }
    }
}
