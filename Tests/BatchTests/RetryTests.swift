import Batch
import Foundation
import Results
import Synchronization
import Testing

/// An executor whose jobs fail (or time out) a scripted number of times, then succeed; each run writes its seed
/// into `output.txt` of its log folder, as a real job writes its logs there.
final class ScriptedExecutor: JobExecutor {
    struct Run: Equatable {
        var job: String
        var seed: UInt64
    }

    /// How many times each job (by log path) fails before it succeeds; `Int.max` for always.
    let failures: [String: Int]
    let failingStatus: JobStatus
    /// How long each run takes.
    let delay: Duration
    let runs = Mutex<[Run]>([])

    init(failures: [String: Int], failingStatus: JobStatus = .failed, delay: Duration = .zero) {
        self.failures = failures
        self.failingStatus = failingStatus
        self.delay = delay
    }

    func run(_ job: PlannedJob, logDir: String) async -> JobResult {
        let previous = runs.withLock { runs in
            defer { runs.append(Run(job: job.id.logPath, seed: job.seed)) }
            return runs.count { $0.job == job.id.logPath }
        }
        try? await Task.sleep(for: delay)
        try? FileManager.default.createDirectory(atPath: logDir, withIntermediateDirectories: true)
        try? "seed \(job.seed)\n".write(toFile: logDir + "/output.txt", atomically: true, encoding: .utf8)
        let fails = previous < failures[job.id.logPath, default: 0]
        return JobResult(
            id: job.id, status: fails ? failingStatus : .succeeded, reason: fails ? "run \(previous + 1) broke" : nil,
            start: Date(), duration: 0.01, seed: job.seed)
    }
}

@Suite struct RetryTests {
    private func run(
        _ plan: Plan, _ executor: ScriptedExecutor, retries: Int, logRoot: String, deadline: Deadline? = nil,
        width: Int = 2
    ) async -> ([JobResult], JobPool.Outcome) {
        let results = Mutex<[JobResult]>([])
        let pool = JobPool(admission: .fixed(width), retries: retries, deadline: deadline, probe: nil)
        let outcome = await pool.run(plan, executor: executor, logDir: { logRoot + "/" + $0.id.logPath }) { result in
            results.withLock { $0.append(result) }
        }
        return (results.withLock { $0 }, outcome)
    }

    /// A job that fails once succeeds on its second run: recorded once, as succeeded and flaky, with the first run
    /// as an attempt whose logs moved to `attempt-1`; the retry has a seed of its own and starts before the jobs
    /// that have not started yet.
    @Test func aJobThatFailsOnceIsFlaky() async throws {
        let folder = try TemporaryFolder()
        let plan = Plan(try configuration(tests: "handshake,transfer", clients: "quic-go,ngtcp2", servers: "quic-go"))
        let executor = ScriptedExecutor(failures: ["quic-go_quic-go/handshake": 1])
        let (results, _) = await run(plan, executor, retries: 2, logRoot: folder.path, width: 1)
        #expect(results.count == 4)
        let flaky = try #require(results.first { $0.id.logPath == "quic-go_quic-go/handshake" })
        #expect(flaky.status == .succeeded && flaky.isFlaky)
        #expect(flaky.attempts.map(\.status) == [.failed])
        #expect(flaky.attempts.first?.reason == "run 1 broke")
        let runs = executor.runs.withLock { $0 }
        // Longest first: the two transfers, then the handshakes; the retry comes before the last handshake.
        #expect(
            runs.map(\.job) == [
                "quic-go_quic-go/transfer", "quic-go_ngtcp2/transfer", "quic-go_quic-go/handshake",
                "quic-go_quic-go/handshake", "quic-go_ngtcp2/handshake",
            ])
        let seeds = runs.filter { $0.job == "quic-go_quic-go/handshake" }.map(\.seed)
        #expect(seeds.count == 2 && seeds[0] != seeds[1])
        #expect(flaky.attempts.first?.seed == seeds[0] && flaky.seed == seeds[1])
        let jobFolder = folder.path + "/quic-go_quic-go/handshake"
        #expect(try String(contentsOfFile: jobFolder + "/output.txt", encoding: .utf8) == "seed \(seeds[1])\n")
        #expect(
            try String(contentsOfFile: jobFolder + "/attempt-1/output.txt", encoding: .utf8) == "seed \(seeds[0])\n")
        #expect(!FileManager.default.fileExists(atPath: jobFolder + ".attempts"))
        #expect(results.filter { $0.id.logPath != "quic-go_quic-go/handshake" }.allSatisfy { $0.attempts.isEmpty })
    }

    /// A job that fails every time stays failed after N + 1 runs, each run's logs kept.
    @Test(arguments: [JobStatus.failed, .timeout]) func aJobThatAlwaysFailsStaysFailed(status: JobStatus) async throws {
        let folder = try TemporaryFolder()
        let plan = Plan(try configuration(tests: "transfer", clients: "quic-go", servers: "quic-go"))
        let executor = ScriptedExecutor(failures: ["quic-go_quic-go/transfer": .max], failingStatus: status)
        let (results, _) = await run(plan, executor, retries: 2, logRoot: folder.path)
        let result = try #require(results.first)
        #expect(results.count == 1 && result.status == status && !result.isFlaky)
        #expect(result.attempts.map(\.number) == [1, 2] && result.attempts.allSatisfy { $0.status == status })
        #expect(result.reason == "run 3 broke")
        let jobFolder = folder.path + "/quic-go_quic-go/transfer"
        let seeds = executor.runs.withLock { $0.map(\.seed) }
        for (index, name) in ["attempt-1/", "attempt-2/", ""].enumerated() {
            #expect(
                try String(contentsOfFile: jobFolder + "/" + name + "output.txt", encoding: .utf8)
                    == "seed \(seeds[index])\n")
        }
    }

    /// Retries and measurement series: a failed repetition runs again in place, and the series goes on.
    @Test func aMeasurementRepetitionRunsAgainInItsSeries() async throws {
        let folder = try TemporaryFolder()
        let plan = Plan(try configuration(tests: "goodput", clients: "quic-go", servers: "quic-go"))
        let executor = ScriptedExecutor(failures: ["quic-go_quic-go/goodput/2": 1])
        let (results, _) = await run(plan, executor, retries: 1, logRoot: folder.path)
        #expect(results.map(\.id.repetition) == [1, 2, 3, 4, 5])
        #expect(results.map(\.status).allSatisfy { $0 == .succeeded })
        #expect(results[1].isFlaky)
        #expect(
            executor.runs.withLock { $0.map(\.job) }
                == ["1", "2", "2", "3", "4", "5"].map { "quic-go_quic-go/goodput/\($0)" })
    }

    /// Without retries a failure is final; errors and unsupported are never run again.
    @Test func onlyFailuresAndTimeoutsRunAgain() async throws {
        let folder = try TemporaryFolder()
        let plan = Plan(try configuration(tests: "handshake", clients: "quic-go", servers: "quic-go"))
        for status in [JobStatus.error, .unsupported] {
            let executor = ScriptedExecutor(failures: ["quic-go_quic-go/handshake": 1], failingStatus: status)
            let (results, _) = await run(plan, executor, retries: 3, logRoot: folder.path + "/\(status)")
            #expect(results.map(\.status) == [status])
            #expect(executor.runs.withLock { $0.count } == 1)
        }
        let executor = ScriptedExecutor(failures: ["quic-go_quic-go/handshake": 1])
        let (results, _) = await run(plan, executor, retries: 0, logRoot: folder.path + "/none")
        #expect(results.map(\.status) == [.failed] && results[0].attempts.isEmpty)
    }

    /// A deadline that leaves no time: nothing starts, and the pool says which jobs it left out.
    @Test func aPassedDeadlineStartsNothing() async throws {
        let folder = try TemporaryFolder()
        let plan = Plan(try configuration(tests: "handshake,goodput", clients: "quic-go", servers: "quic-go"))
        let executor = ScriptedExecutor(failures: [:])
        let deadline = Deadline(budget: .seconds(30), from: .now)
        let (results, outcome) = await run(plan, executor, retries: 0, logRoot: folder.path, deadline: deadline)
        #expect(results.isEmpty)
        #expect(outcome.stoppedByDeadline == plan.allJobs.map(\.id))
    }

    /// A retry the deadline leaves no time for is not started; the job keeps its failed run and says why.
    @Test func aRetryPastTheDeadlineIsLeftOut() async throws {
        let folder = try TemporaryFolder()
        let configuration = try configuration(tests: "handshake", clients: "quic-go", servers: "quic-go")
        var plan = Plan(configuration)
        plan.tests[0].test.timeout = .seconds(2)
        let executor = ScriptedExecutor(failures: ["quic-go_quic-go/handshake": 1], delay: .milliseconds(300))
        // Room for the first run (it starts within 150 ms), none for a retry (it would start after 300 ms).
        let deadline = Deadline(budget: .milliseconds(2_150), from: .now)
        let (results, outcome) = await run(plan, executor, retries: 2, logRoot: folder.path, deadline: deadline)
        #expect(outcome.stoppedByDeadline.isEmpty)
        let result = try #require(results.first)
        #expect(result.status == .failed && result.attempts.isEmpty)
        #expect(result.reason == "run 1 broke; not run again: the deadline came first")
        #expect(FileManager.default.fileExists(atPath: folder.path + "/quic-go_quic-go/handshake/output.txt"))
    }
}
