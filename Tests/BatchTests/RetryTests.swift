import Batch
import Foundation
import Results
import Synchronization
import Testing

/// An executor whose jobs fail (or time out) a scripted number of times, then succeed; each run writes its seed
/// into `output.txt` of its log folder, as a real job writes its logs there. A run knows which attempt it is from its
/// seed (attempts of a job may run side by side), and a cancelled run ends at once with an error, as a real one does.
final class ScriptedExecutor: JobExecutor {
    struct Run: Equatable {
        var job: String
        var seed: UInt64
        /// The attempt this run is (1-based).
        var number: Int
        var started: ContinuousClock.Instant
    }

    struct End: Equatable {
        var seed: UInt64
        var cancelled: Bool
        var at: ContinuousClock.Instant
    }

    /// How many times each job (by log path) fails before it succeeds; `Int.max` for always.
    let failures: [String: Int]
    /// When given, the attempts that fail, of every job (instead of `failures`).
    let failingNumbers: Set<Int>?
    let failingStatus: JobStatus
    /// How long each run takes, unless `delays` lists its attempt number.
    let delay: Duration
    let delays: [Int: Duration]
    let runs = Mutex<[Run]>([])
    let ends = Mutex<[End]>([])

    init(
        failures: [String: Int], failingNumbers: Set<Int>? = nil, failingStatus: JobStatus = .failed,
        delay: Duration = .zero, delays: [Int: Duration] = [:]
    ) {
        self.failures = failures
        self.failingNumbers = failingNumbers
        self.failingStatus = failingStatus
        self.delay = delay
        self.delays = delays
    }

    func run(_ job: PlannedJob, logDir: String) async -> JobResult {
        let number = runs.withLock { runs in
            let number: Int
            if let first = runs.first(where: { $0.job == job.id.logPath }) {
                number = (2...64).first { Seed.attempt($0, of: first.seed) == job.seed } ?? 0
            } else {
                number = 1
            }
            runs.append(Run(job: job.id.logPath, seed: job.seed, number: number, started: .now))
            return number
        }
        try? await Task.sleep(for: delays[number] ?? delay)
        let cancelled = Task.isCancelled
        ends.withLock { $0.append(End(seed: job.seed, cancelled: cancelled, at: .now)) }
        try? FileManager.default.createDirectory(atPath: logDir, withIntermediateDirectories: true)
        try? "seed \(job.seed)\n".write(toFile: logDir + "/output.txt", atomically: true, encoding: .utf8)
        if cancelled {
            return JobResult(
                id: job.id, status: .error, reason: "cancelled", start: Date(), duration: 0.01, seed: job.seed)
        }
        let fails = failingNumbers?.contains(number) ?? (number <= failures[job.id.logPath, default: 0])
        return JobResult(
            id: job.id, status: fails ? failingStatus : .succeeded, reason: fails ? "run \(number) broke" : nil,
            start: Date(), duration: 0.01, seed: job.seed)
    }
}

@Suite struct RetryTests {
    private func run(
        _ plan: Plan, _ executor: ScriptedExecutor, retries: Int, logRoot: String, deadline: Deadline? = nil,
        width: Int = 2, ceiling: Int? = nil, stragglers: JobPool.Stragglers? = nil
    ) async -> ([JobResult], JobPool.Outcome) {
        let results = Mutex<[JobResult]>([])
        let admission = AdmissionControl(floor: width, ceiling: ceiling ?? width)
        let pool = JobPool(
            admission: admission, retries: retries, deadline: deadline, probe: nil,
            sampleInterval: .milliseconds(20), stragglers: stragglers)
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
        let seeds = executor.runs.withLock { $0.sorted { $0.number < $1.number }.map(\.seed) }
        #expect(seeds == result.attempts.map(\.seed) + [result.seed])
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

    /// A job that failed makes its remaining runs side by side; the result and the log folders are those of runs
    /// made one after the other.
    @Test func theRemainingRunsOfAFailedJobRunTogetherAtTheEnd() async throws {
        let folder = try TemporaryFolder()
        let plan = Plan(try configuration(tests: "transfer", clients: "quic-go", servers: "quic-go"))
        let executor = ScriptedExecutor(failures: ["quic-go_quic-go/transfer": .max], delay: .seconds(1))
        let (results, outcome) = await run(plan, executor, retries: 2, logRoot: folder.path, width: 3)
        let result = try #require(results.first)
        #expect(results.count == 1 && result.status == .failed && result.reason == "run 3 broke")
        #expect(
            result.attempts.map(\.number) == [1, 2] && result.attempts.map(\.reason) == ["run 1 broke", "run 2 broke"])
        let runs = executor.runs.withLock { $0.sorted { $0.number < $1.number } }
        #expect(runs.map(\.number) == [1, 2, 3])
        // Runs 2 and 3 overlap: the third starts before the second ends; the second starts after the first ended.
        let ends = executor.ends.withLock { $0 }
        let secondEnded = try #require(ends.first { $0.seed == runs[1].seed }?.at)
        let firstEnded = try #require(ends.first { $0.seed == runs[0].seed }?.at)
        #expect(runs[2].started < secondEnded)
        #expect(runs[1].started >= firstEnded)
        #expect(outcome.peakWidth == 2)
        let jobFolder = folder.path + "/quic-go_quic-go/transfer"
        for (run, name) in zip(runs, ["attempt-1/", "attempt-2/", ""]) {
            #expect(
                try String(contentsOfFile: jobFolder + "/" + name + "output.txt", encoding: .utf8)
                    == "seed \(run.seed)\n")
        }
        #expect(!FileManager.default.fileExists(atPath: jobFolder + ".attempts"))
        #expect(!FileManager.default.fileExists(atPath: jobFolder + "/attempt-3"))
    }

    /// Runs made together are decided in order: when the second run succeeds, the third is stopped and leaves no
    /// logs, and the job is flaky with one earlier run, as if the runs had been made one after the other.
    @Test func aRunTogetherThatSucceedsStopsTheLaterRuns() async throws {
        let folder = try TemporaryFolder()
        let plan = Plan(try configuration(tests: "transfer", clients: "quic-go", servers: "quic-go"))
        let executor = ScriptedExecutor(
            failures: ["quic-go_quic-go/transfer": 1],
            delays: [1: .milliseconds(100), 2: .milliseconds(200), 3: .seconds(30)])
        let (results, _) = await run(plan, executor, retries: 2, logRoot: folder.path, width: 3)
        let result = try #require(results.first)
        #expect(results.count == 1 && result.status == .succeeded && result.isFlaky)
        #expect(result.attempts.map(\.number) == [1])
        let runs = executor.runs.withLock { $0.sorted { $0.number < $1.number } }
        #expect(runs.map(\.number) == [1, 2, 3])
        #expect(result.seed == runs[1].seed && result.attempts.first?.seed == runs[0].seed)
        #expect(executor.ends.withLock { $0.first { $0.seed == runs[2].seed }?.cancelled } == true)
        let jobFolder = folder.path + "/quic-go_quic-go/transfer"
        #expect(try String(contentsOfFile: jobFolder + "/output.txt", encoding: .utf8) == "seed \(runs[1].seed)\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: jobFolder).sorted() == ["attempt-1", "output.txt"])
        #expect(!FileManager.default.fileExists(atPath: jobFolder + ".attempts"))
    }

    /// The first run made together to succeed decides at once, even before an earlier one has ended: that one is
    /// stopped and left out with its logs.
    @Test func theFirstRunTogetherToSucceedDecides() async throws {
        let folder = try TemporaryFolder()
        let plan = Plan(try configuration(tests: "transfer", clients: "quic-go", servers: "quic-go"))
        let executor = ScriptedExecutor(
            failures: ["quic-go_quic-go/transfer": 1],
            delays: [1: .milliseconds(50), 2: .seconds(30), 3: .milliseconds(100)])
        let (results, _) = await run(plan, executor, retries: 2, logRoot: folder.path, width: 3)
        let result = try #require(results.first)
        #expect(result.status == .succeeded && result.isFlaky && result.attempts.map(\.number) == [1])
        let runs = executor.runs.withLock { $0.sorted { $0.number < $1.number } }
        #expect(result.seed == runs[2].seed)
        #expect(executor.ends.withLock { $0.first { $0.seed == runs[1].seed }?.cancelled } == true)
        let jobFolder = folder.path + "/quic-go_quic-go/transfer"
        #expect(try String(contentsOfFile: jobFolder + "/output.txt", encoding: .utf8) == "seed \(runs[2].seed)\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: jobFolder).sorted() == ["attempt-1", "output.txt"])
    }

    /// A later run that failed before an earlier one succeeded is an attempt of the job, numbered after the first
    /// run, with its own seed and logs.
    @Test func aLaterRunThatFailedFirstIsAnAttempt() async throws {
        let folder = try TemporaryFolder()
        let plan = Plan(try configuration(tests: "transfer", clients: "quic-go", servers: "quic-go"))
        let executor = ScriptedExecutor(
            failures: [:], failingNumbers: [1, 3],
            delays: [1: .milliseconds(50), 2: .seconds(2), 3: .milliseconds(50)])
        let (results, _) = await run(plan, executor, retries: 2, logRoot: folder.path, width: 3)
        let result = try #require(results.first)
        let runs = executor.runs.withLock { $0.sorted { $0.number < $1.number } }
        #expect(result.status == .succeeded && result.isFlaky && result.seed == runs[1].seed)
        #expect(result.attempts.map(\.number) == [1, 2])
        #expect(result.attempts.map(\.seed) == [runs[0].seed, runs[2].seed])
        #expect(result.attempts.map(\.reason) == ["run 1 broke", "run 3 broke"])
        let jobFolder = folder.path + "/quic-go_quic-go/transfer"
        for (name, run) in [("", runs[1]), ("attempt-1/", runs[0]), ("attempt-2/", runs[2])] {
            #expect(
                try String(contentsOfFile: jobFolder + "/" + name + "output.txt", encoding: .utf8)
                    == "seed \(run.seed)\n")
        }
        #expect(!FileManager.default.fileExists(atPath: jobFolder + "/attempt-3"))
        #expect(!FileManager.default.fileExists(atPath: jobFolder + ".attempts"))
    }

    /// The remaining runs of a failed job start at once, ahead of the jobs waiting to start, even in a full pool
    /// (up to its ceiling); the pool takes no new job until it is back under its limit.
    @Test func runsTogetherStartAheadOfWaitingJobs() async throws {
        let folder = try TemporaryFolder()
        let plan = Plan(
            try configuration(tests: "transfer,handshake", clients: "quic-go,ngtcp2,aioquic", servers: "quic-go"))
        let executor = ScriptedExecutor(failures: ["quic-go_quic-go/transfer": .max], delay: .milliseconds(100))
        let (results, outcome) = await run(plan, executor, retries: 2, logRoot: folder.path, width: 2, ceiling: 3)
        #expect(results.count == 6)
        #expect(outcome.peakWidth == 3)
        let runs = executor.runs.withLock { $0 }
        let failing = runs.filter { $0.job == "quic-go_quic-go/transfer" }
        #expect(failing.map(\.number).sorted() == [1, 2, 3])
        // Runs 2 and 3 start together, before the handshakes that waited.
        let retried = try #require(runs.firstIndex { $0.job == "quic-go_quic-go/transfer" && $0.number > 1 })
        #expect(runs[retried...].prefix(2).allSatisfy { $0.job == "quic-go_quic-go/transfer" })
        #expect(runs.filter { $0.job.hasSuffix("/handshake") }.allSatisfy { $0.started > failing[1].started })
    }

    /// Stragglers as the tests below define them: late after 200 ms, at any point of the run.
    private let lateAfter200ms = JobPool.Stragglers(factor: 0, margin: .milliseconds(200), horizon: .seconds(3_600))

    /// A first run that is late gets its remaining runs started beside it before it ends; they are decided as runs
    /// made together: here run 2 fails, run 3 succeeds while run 1 still runs, so run 1 is stopped and left out, and
    /// the job is flaky with run 2 as its first attempt.
    @Test func aLateFirstRunGetsItsRetriesBesideIt() async throws {
        let folder = try TemporaryFolder()
        let plan = Plan(try configuration(tests: "transfer", clients: "quic-go", servers: "quic-go"))
        let executor = ScriptedExecutor(
            failures: [:], failingNumbers: [2],
            delays: [1: .seconds(30), 2: .milliseconds(100), 3: .milliseconds(600)])
        let (results, outcome) = await run(
            plan, executor, retries: 2, logRoot: folder.path, width: 1, ceiling: 3, stragglers: lateAfter200ms)
        #expect(outcome.backedUp == 1 && outcome.peakWidth == 3)
        let result = try #require(results.first)
        let runs = executor.runs.withLock { $0.sorted { $0.number < $1.number } }
        #expect(runs.map(\.number) == [1, 2, 3])
        let firstEnd = try #require(executor.ends.withLock { $0.first { $0.seed == runs[0].seed } })
        #expect(firstEnd.cancelled, "run 1 is stopped once run 3 decided")
        #expect(runs[1].started < firstEnd.at && runs[2].started < firstEnd.at)
        #expect(result.status == .succeeded && result.isFlaky && result.seed == runs[2].seed)
        #expect(result.attempts.map(\.number) == [1] && result.attempts.map(\.seed) == [runs[1].seed])
        let jobFolder = folder.path + "/quic-go_quic-go/transfer"
        #expect(try String(contentsOfFile: jobFolder + "/output.txt", encoding: .utf8) == "seed \(runs[2].seed)\n")
        #expect(
            try String(contentsOfFile: jobFolder + "/attempt-1/output.txt", encoding: .utf8)
                == "seed \(runs[1].seed)\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: jobFolder).sorted() == ["attempt-1", "output.txt"])
        #expect(!FileManager.default.fileExists(atPath: jobFolder + ".attempts"))
    }

    /// A late first run that then succeeds first decides as if it had run alone: its backups are stopped and leave
    /// no logs, and the job is not flaky.
    @Test func aLateFirstRunThatSucceedsStopsItsBackups() async throws {
        let folder = try TemporaryFolder()
        let plan = Plan(try configuration(tests: "transfer", clients: "quic-go", servers: "quic-go"))
        let executor = ScriptedExecutor(
            failures: [:], delays: [1: .seconds(1), 2: .seconds(30), 3: .seconds(30)])
        let (results, outcome) = await run(
            plan, executor, retries: 2, logRoot: folder.path, width: 1, ceiling: 3, stragglers: lateAfter200ms)
        #expect(outcome.backedUp == 1)
        let result = try #require(results.first)
        let runs = executor.runs.withLock { $0.sorted { $0.number < $1.number } }
        #expect(runs.map(\.number) == [1, 2, 3])
        #expect(result.status == .succeeded && !result.isFlaky && result.seed == runs[0].seed)
        let ends = executor.ends.withLock { $0 }
        #expect(runs.dropFirst().allSatisfy { run in ends.first { $0.seed == run.seed }?.cancelled == true })
        let jobFolder = folder.path + "/quic-go_quic-go/transfer"
        #expect(try String(contentsOfFile: jobFolder + "/output.txt", encoding: .utf8) == "seed \(runs[0].seed)\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: jobFolder) == ["output.txt"])
        #expect(!FileManager.default.fileExists(atPath: jobFolder + ".attempts"))
    }

    /// Backups wait for the last stretch of the run and for room under the ceiling: a late first run gets none
    /// while more expected work than the horizon, and than it has run so far, waits to start, nor when its runs
    /// would pass `--jobs`; a first run that ends in time is never backed up.
    @Test func backupsWaitForTheLastStretchAndTheCeiling() async throws {
        let folder = try TemporaryFolder()
        let plan = Plan(try configuration(tests: "transfer,handshake", clients: "quic-go", servers: "quic-go"))
        // The transfer (longest expected, first) is late while the handshake still waits: no backup; the handshake,
        // late with nothing waiting, gets its backups.
        let executor = ScriptedExecutor(
            failures: [:], delays: [1: .milliseconds(800), 2: .seconds(30), 3: .seconds(30)])
        let lastStretch = JobPool.Stragglers(factor: 0, margin: .milliseconds(200), horizon: .milliseconds(1))
        let (results, outcome) = await run(
            plan, executor, retries: 2, logRoot: folder.path + "/stretch", width: 1, ceiling: 3,
            stragglers: lastStretch)
        #expect(results.map(\.status) == [.succeeded, .succeeded] && results.allSatisfy { !$0.isFlaky })
        #expect(outcome.backedUp == 1)
        let runs = executor.runs.withLock { $0 }
        #expect(runs.filter { $0.job.hasSuffix("/transfer") }.count == 1)
        #expect(runs.filter { $0.job.hasSuffix("/handshake") }.map(\.number).sorted() == [1, 2, 3])
        // No room under the ceiling, or in time: the first run runs alone.
        for (ceiling, delay) in [(2, Duration.milliseconds(800)), (3, .milliseconds(50))] {
            let alone = ScriptedExecutor(failures: [:], delay: delay)
            let (results, outcome) = await run(
                plan, alone, retries: 2, logRoot: folder.path + "/\(ceiling)", width: 1, ceiling: ceiling,
                stragglers: lateAfter200ms)
            #expect(results.map(\.status) == [.succeeded, .succeeded])
            #expect(outcome.backedUp == 0 && alone.runs.withLock { $0.count } == 2)
        }
    }

    /// A straggler that has run longer than the expected work still waiting per slot gets its backups before the
    /// last stretch: if it failed at the end, its retries would end the run alone. Here the transfer's first run
    /// outlasts the handshake's expected time (about 2.8 s, the only job waiting, one slot): its backups start while
    /// the handshake still waits, the first to succeed decides, and the handshake runs after it.
    @Test func aStragglerLongerThanTheWorkLeftGetsItsBackupsEarly() async throws {
        let folder = try TemporaryFolder()
        let plan = Plan(try configuration(tests: "transfer,handshake", clients: "quic-go", servers: "quic-go"))
        let executor = ScriptedExecutor(
            failures: [:], delays: [1: .seconds(30), 2: .milliseconds(100), 3: .seconds(30)])
        let lastStretch = JobPool.Stragglers(factor: 0, margin: .milliseconds(200), horizon: .milliseconds(1))
        let (results, outcome) = await run(
            plan, executor, retries: 2, logRoot: folder.path, width: 1, ceiling: 3, stragglers: lastStretch)
        #expect(results.map(\.status) == [.succeeded, .succeeded] && results.allSatisfy { !$0.isFlaky })
        #expect(outcome.backedUp == 2)
        let runs = executor.runs.withLock { $0 }
        let transfer = runs.filter { $0.job.hasSuffix("/transfer") }.sorted { $0.number < $1.number }
        let handshake = try #require(runs.first { $0.job.hasSuffix("/handshake") })
        #expect(transfer.map(\.number) == [1, 2, 3])
        #expect(transfer.dropFirst().contains { $0.started < handshake.started }, "backed up while work waited")
        // Not at the first tick after its 200-ms patience: only once it had run about as long as the handshake's
        // expected 2.8 s (less the time its first run took to start, on a loaded machine).
        #expect(transfer[1].started - transfer[0].started >= .milliseconds(1_500), "not before it outran the queue")
        #expect(results.first { $0.id.logPath.hasSuffix("/transfer") }?.seed == transfer[1].seed)
    }

    /// A late first run that fails after its backups started leaves the verdict to them: the first backup to succeed
    /// decides, the later one is stopped, and the first run is the job's first attempt.
    @Test func aLateFirstRunThatFailsLeavesTheVerdictToItsBackups() async throws {
        let folder = try TemporaryFolder()
        let plan = Plan(try configuration(tests: "transfer", clients: "quic-go", servers: "quic-go"))
        let executor = ScriptedExecutor(
            failures: [:], failingNumbers: [1], delays: [1: .milliseconds(500), 2: .seconds(1), 3: .seconds(2)])
        let (results, outcome) = await run(
            plan, executor, retries: 2, logRoot: folder.path, width: 1, ceiling: 3, stragglers: lateAfter200ms)
        #expect(outcome.backedUp == 1)
        let result = try #require(results.first)
        let runs = executor.runs.withLock { $0.sorted { $0.number < $1.number } }
        #expect(result.status == .succeeded && result.isFlaky && result.seed == runs[1].seed)
        #expect(result.attempts.map(\.number) == [1] && result.attempts.first?.seed == runs[0].seed)
        #expect(executor.ends.withLock { $0.first { $0.seed == runs[2].seed }?.cancelled } == true)
        let jobFolder = folder.path + "/quic-go_quic-go/transfer"
        #expect(try String(contentsOfFile: jobFolder + "/output.txt", encoding: .utf8) == "seed \(runs[1].seed)\n")
        #expect(
            try String(contentsOfFile: jobFolder + "/attempt-1/output.txt", encoding: .utf8)
                == "seed \(runs[0].seed)\n")
        #expect(!FileManager.default.fileExists(atPath: jobFolder + ".attempts"))
    }

    /// With one retry left the job simply runs once more, and runs never start together past the pool's ceiling
    /// (`--jobs`): one after the other then.
    @Test func noRunsTogetherWithOneRetryOrPastTheCeiling() async throws {
        let folder = try TemporaryFolder()
        let plan = Plan(try configuration(tests: "transfer", clients: "quic-go", servers: "quic-go"))
        let executor = ScriptedExecutor(failures: ["quic-go_quic-go/transfer": .max], delay: .milliseconds(20))
        let (one, oneOutcome) = await run(plan, executor, retries: 1, logRoot: folder.path + "/one", width: 4)
        #expect(one.first?.attempts.map(\.number) == [1])
        #expect(oneOutcome.peakWidth == 1)
        let (alone, aloneOutcome) = await run(plan, executor, retries: 2, logRoot: folder.path + "/alone", width: 1)
        #expect(alone.first?.attempts.map(\.number) == [1, 2])
        #expect(aloneOutcome.peakWidth == 1)
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
