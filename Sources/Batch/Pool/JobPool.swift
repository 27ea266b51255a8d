import Foundation
public import Results
import Synchronization

/// Runs a plan with a bounded number of jobs at once; measurements run alone, after the test cases.
///
/// The bound is structural: a task group holds the running jobs and starts the next one each time a job ends (as
/// swift-nio's `ParallelDirCopy`), up to ``AdmissionControl/limit``, which a ticking child task moves with the
/// machine's load. Test cases start longest expected first. A job that fails or times out runs again, up to
/// ``retries`` times, with a seed of its own, ahead of the jobs not yet started (so the run does not end on a queue
/// of retries); only its last run is recorded, carrying the earlier ones as ``JobResult/attempts`` (their logs in
/// `<job>/attempt-N`, see ``AttemptLogs``). When it may run more than once again, its remaining runs start together
/// (see ``runTogether(_:through:executor:logDir:backup:)``), in the slot its failed run left and past the pool's
/// limit by `retries - 1` at most until runs end, never past its ceiling (`--jobs`): the verdict is the one runs made
/// in order give (it succeeded if one of them did), and a job failing slowly, as lossy handshakes under load do (one
/// to four minutes a run), is on the run's critical path twice instead of three times. Late in a run, or when it has
/// run longer than the work left, a first run that takes far longer than expected gets its remaining runs started
/// beside it before it ends (``Stragglers``).
/// With a ``deadline``, a job starts only if its timeout ends before the deadline. Cancelling the calling task starts
/// no new job; running jobs see the cancellation and tear down.
public struct JobPool: Sendable {
    public var admission: AdmissionControl
    /// How many times a failed or timed-out job runs again.
    public var retries: Int
    public var deadline: Deadline?
    /// The machine's load, sampled every ``sampleInterval`` while the pool can widen; `nil` keeps it at its floor.
    public var probe: (any LoadProbe)?
    public var sampleInterval: Duration
    /// When a first run that is taking too long gets its remaining runs started beside it (``Stragglers``); `nil`:
    /// never.
    public var stragglers: Stragglers?

    /// Backups for stragglers, as MapReduce starts them near a job's end: a test case's first run that has taken
    /// `factor` times its expected time plus `margin` gets its remaining runs (`--retries`) started beside it, within
    /// the pool's ceiling and deadline, as if it had failed, once the jobs not started yet hold at most ``horizon``
    /// of expected work per slot of the pool or at most as much as the run has taken so far (the queue would drain
    /// before a run that long could be made again). The verdict is the one of runs made together (see ``JobPool``):
    /// if the first run then succeeds first, the others are stopped and left out; if it fails, the runs after it are
    /// already under way. A job that fails slowly (a stuck handshake ends at an idle timeout, 30 s and more, where a
    /// passing one takes 3 s; a lossy handshake series of a slow pair takes one to five minutes a run) then ends the
    /// run about one run sooner.
    public struct Stragglers: Sendable {
        public var factor: Int64
        public var margin: Duration
        public var horizon: Duration

        public init(factor: Int64, margin: Duration, horizon: Duration) {
            self.factor = factor
            self.margin = margin
            self.horizon = horizon
        }

        /// Twice the expected time plus 10 s (a passing handshake under load takes up to twice its expected time;
        /// a stuck one, 30 s), in the last minute of expected work or once the straggler has run longer than the
        /// work left.
        public static let lateInARun = Stragglers(factor: 2, margin: .seconds(10), horizon: .seconds(60))

        /// How long a first run expected to take `expected` milliseconds may run before it is a straggler.
        func patience(expected: Int64) -> Duration { .milliseconds(expected * factor) + margin }

        /// Whether a straggler that has run for `ranFor` gets its backups while `waiting` of expected work per slot
        /// has not started: in the last stretch, or once the queue would drain before a run as long as this one could
        /// be made again (if it then failed, its retries would end the run alone).
        func due(waiting: Duration, ranFor: Duration) -> Bool { waiting <= max(horizon, ranFor) }
    }

    /// A pool of exactly `width` jobs, without retries or deadline.
    public init(width: Int) {
        assert(width >= 1, "a pool needs room for one job")
        self.init(admission: .fixed(width), retries: 0, deadline: nil, probe: nil)
    }

    /// A pool sized by `admission` that samples `probe`.
    public init(
        admission: AdmissionControl, retries: Int, deadline: Deadline?, probe: (any LoadProbe)?,
        sampleInterval: Duration = .seconds(1), stragglers: Stragglers? = nil
    ) {
        self.admission = admission
        self.retries = max(0, retries)
        self.deadline = deadline
        self.probe = probe
        self.sampleInterval = sampleInterval
        self.stragglers = stragglers
    }

    /// What the pool left undone on purpose, and how wide it got.
    public struct Outcome: Sendable {
        /// Jobs never started because they would have ended after the deadline.
        public var stoppedByDeadline: [JobID] = []
        /// The most jobs that ran at once.
        public var peakWidth = 0
        /// How many first runs got backups (``Stragglers``).
        public var backedUp = 0
    }

    /// Runs every job of `plan`; `record` sees each job's final result as soon as it is known.
    public func run(
        _ plan: Plan,
        executor: some JobExecutor,
        logDir: @escaping @Sendable (PlannedJob) -> String,
        record: @escaping @Sendable (JobResult) async -> Void
    ) async -> Outcome {
        var outcome = Outcome()
        var control = admission
        await withTaskGroup(of: PoolEvent.self) { group in
            // Longest expected first: a long job started last would keep the run waiting on it alone. Each job's
            // expected milliseconds go along: they weigh the work left and time its first run.
            var fresh = plan.tests.enumerated().map {
                (offset: $0.offset, job: $0.element, expected: expected($0.element))
            }
            .sorted { a, b in a.expected != b.expected ? a.expected > b.expected : a.offset < b.offset }[...]
            // The expected milliseconds of the jobs not started yet.
            var freshWork = fresh.reduce(Int64(0)) { $0 + $1.expected }
            var again: [Attempt] = []
            var running = 0
            var ticking = false
            // First runs that may get backups, by job.
            var watched: [JobID: Watched] = [:]
            // Starts `attempt` with `runs` runs of the job together (its remaining ones), or alone; a first run
            // expected to take `expected` milliseconds is watched for a backup.
            func begin(_ attempt: Attempt, runs: Int = 1, expected: Int64? = nil) async {
                let job = attempt.job
                switch start(attempt, logDir: logDir(job)) {
                case .run:
                    let last = retries + 1
                    if runs > 1 {
                        group.addTask {
                            let (final, result, _) = await runTogether(
                                attempt, through: last, executor: executor, logDir: logDir(job))
                            return .finished(final, result, slots: runs)
                        }
                    } else if let stragglers, let expected, retries > 0 {
                        let backup = Backup()
                        let now = ContinuousClock.now
                        watched[job.id] = Watched(
                            backup: backup, started: now, late: now + stragglers.patience(expected: expected),
                            timeout: job.test.timeout)
                        group.addTask {
                            let (final, result, slots) = await runTogether(
                                attempt, through: last, executor: executor, logDir: logDir(job), backup: backup)
                            return .finished(final, result, slots: slots)
                        }
                    } else {
                        group.addTask { .finished(attempt, await executor.run(job, logDir: logDir(job)), slots: 1) }
                    }
                    running += runs
                    outcome.peakWidth = max(outcome.peakWidth, running)
                case .skip:
                    outcome.stoppedByDeadline.append(job.id)
                case .over(let result):
                    await record(finish(result, logDir: logDir(job)))
                }
            }
            func fill() async {
                while running < control.limit, !Task.isCancelled {
                    if !again.isEmpty {
                        await begin(again.removeFirst())
                    } else if let next = fresh.popFirst() {
                        freshWork -= next.expected
                        await begin(Attempt(next.job), expected: next.expected)
                    } else {
                        break
                    }
                }
                let waiting = !fresh.isEmpty || !again.isEmpty
                let sampling = control.adapts && probe != nil && waiting
                if !ticking, sampling || !watched.isEmpty, !Task.isCancelled {
                    let interval = sampleInterval
                    group.addTask {
                        try? await Task.sleep(for: interval)
                        return .tick
                    }
                    ticking = true
                }
            }
            await fill()
            while let event = await group.next() {
                switch event {
                case .finished(let attempt, let result, let slots):
                    running -= slots
                    watched[attempt.job.id] = nil
                    if let retry = retrying(attempt, result) {
                        // The runs this job may still make, this retry included.
                        let rest = retries + 1 - attempt.number
                        if rest > 1, running + rest <= control.ceiling {
                            await begin(retry, runs: rest)
                        } else {
                            again.append(retry)
                        }
                    } else {
                        await record(finish(attempt.completed(by: result), logDir: logDir(attempt.job)))
                    }
                case .tick:
                    ticking = false
                    if control.adapts, let sample = probe?.sample() {
                        control.observe(sample, running: running, waiting: !fresh.isEmpty || !again.isEmpty)
                    }
                    if let stragglers, !watched.isEmpty {
                        let now = ContinuousClock.now
                        // The expected work not started yet, per slot of the pool.
                        let waiting = Duration.milliseconds(freshWork / Int64(max(1, control.limit)))
                        for (id, first) in watched.sorted(by: { $0.value.late < $1.value.late }) where first.late <= now
                        {
                            guard stragglers.due(waiting: waiting, ranFor: now - first.started) else { continue }
                            guard running + retries <= control.ceiling else { break }
                            if let deadline, !deadline.allows(first.timeout) { continue }
                            watched[id] = nil
                            if first.backup.fire() {
                                running += retries
                                outcome.peakWidth = max(outcome.peakWidth, running)
                                outcome.backedUp += 1
                            }
                        }
                    }
                }
                await fill()
                // Only a load sample can be left: wake it rather than wait for it.
                if running == 0, fresh.isEmpty, again.isEmpty { group.cancelAll() }
            }
        }
        measurements: for series in plan.measurementSeries {
            for (position, job) in series.enumerated() {
                guard !Task.isCancelled else { break measurements }
                outcome.peakWidth = max(outcome.peakWidth, 1)
                guard let result = await runAlone(job, executor: executor, logDir: logDir(job)) else {
                    outcome.stoppedByDeadline += series[position...].map(\.id)
                    continue measurements
                }
                await record(result)
                if result.status != .succeeded { break }
            }
        }
        return outcome
    }

    /// A test-case job's expected milliseconds (see ``ExpectedDuration``).
    private func expected(_ job: PlannedJob) -> Int64 { ExpectedDuration.milliseconds(of: job.test) }

    /// Runs `job` and its retries one after the other; `nil` when the deadline leaves no time to start it.
    private func runAlone(_ job: PlannedJob, executor: some JobExecutor, logDir: String) async -> JobResult? {
        var attempt = Attempt(job)
        while true {
            switch start(attempt, logDir: logDir) {
            case .skip:
                return nil
            case .over(let result):
                return finish(result, logDir: logDir)
            case .run:
                let ran = await executor.run(attempt.job, logDir: logDir)
                guard let retry = retrying(attempt, ran) else {
                    return finish(attempt.completed(by: ran), logDir: logDir)
                }
                attempt = retry
            }
        }
    }

    /// What to do with an attempt about to start.
    private enum Start {
        /// Run it.
        case run
        /// A first attempt the deadline leaves no time for: the job does not run.
        case skip
        /// The job is over without this attempt: the deadline leaves no time for a retry, or its earlier logs
        /// cannot be set aside.
        case over(JobResult)
    }

    /// Runs attempts `first.number ... last` of one job side by side, each in its own folder of the waiting room
    /// (``AttemptLogs/folder(of:attempt:)``), and returns the job's result as runs one after the other give it: it
    /// succeeded if one of them did, else it keeps the verdict of the first run, in order, that did not fail or time
    /// out, or of the last run. The first run to succeed decides at once: the runs still going are stopped and left
    /// out with their logs, and the runs that failed before it are its attempts, in the order they started
    /// (renumbered after the left-out ones). Without a success, the runs after the deciding one are left out.
    ///
    /// With a `backup`, the first run starts alone, in the job's own folder, and the others start only when the pool
    /// fires the backup (a straggler) before it ends; when it ends first, its result comes back alone, not decided,
    /// for the pool to retry as any run. Returns how many runs the job held (`runs`).
    private func runTogether(
        _ first: Attempt, through last: Int, executor: some JobExecutor, logDir: String, backup: Backup? = nil
    ) async -> (Attempt, JobResult, runs: Int) {
        let numbers = first.number...last
        let alone = backup != nil
        let (ended, decider, failedBefore, fired, launched) = await withTaskGroup(of: TogetherEvent.self) { group in
            var launched: Set<Int> = []
            func launch(_ number: Int) {
                var job = first.job
                job.seed = Seed.attempt(number, of: first.firstSeed)
                let folder = alone && number == first.number ? logDir : AttemptLogs.folder(of: logDir, attempt: number)
                launched.insert(number)
                group.addTask { .ended(number, await executor.run(job, logDir: folder)) }
            }
            if let backup {
                launch(first.number)
                group.addTask { .backup(await backup.wait()) }
            } else {
                numbers.forEach(launch)
            }
            var ended: [Int: JobResult] = [:]
            var decider: Int?
            var fired = false
            // The runs that had failed when the deciding one ended.
            var failedBefore: [Int] = []
            for await event in group {
                switch event {
                case .backup(let go):
                    guard go else { continue }
                    fired = true
                    if decider == nil { numbers.dropFirst().forEach(launch) }
                case .ended(let number, let result):
                    ended[number] = result
                    if let backup, number == first.number, backup.close() {
                        // The first run ended before any backup: it is an ordinary run.
                        decider = number
                        group.cancelAll()
                        continue
                    }
                    guard decider == nil else { continue }
                    if result.status == .succeeded {
                        decider = number
                        failedBefore = ended.filter { $0.key != number && $0.value.isRetryable }.keys.sorted()
                    } else if let inOrder = deciding(ended, numbers) {
                        decider = inOrder
                        failedBefore = Array(first.number..<inOrder)
                    }
                    if decider != nil { group.cancelAll() }
                }
            }
            return (ended, decider ?? last, failedBefore, fired, launched)
        }
        let runs = fired ? numbers.count : 1
        guard let result = ended[decider] else {
            return (first, first.withoutRunning("its run did not report"), runs)
        }
        // Alone: the first run ended before its backups started (or before they were needed).
        if alone, launched == [first.number] {
            var attempt = first
            attempt.decided = fired
            return (attempt, result, runs)
        }
        var attempt = first
        for number in failedBefore {
            guard let earlier = ended[number] else { continue }
            attempt = attempt.next(after: earlier)
        }
        attempt.decided = true
        do {
            if alone { try AttemptLogs.setAside(logDir, attempt: first.number) }
            try AttemptLogs.settle(logDir, runs: numbers, kept: failedBefore, decider: decider)
            return (attempt, result, runs)
        } catch {
            var broken = result
            broken.status = .error
            broken.observedStatus = .error
            broken.reason = error.message
            return (attempt, broken, runs)
        }
    }

    /// The run that decides, in order, a job whose runs `numbers` ended as `ended`: the first that did not fail or
    /// time out, once every run before it has ended; the last when all failed; `nil` while it cannot be known yet.
    private func deciding(_ ended: [Int: JobResult], _ numbers: ClosedRange<Int>) -> Int? {
        for number in numbers {
            guard let result = ended[number] else { return nil }
            if !result.isRetryable { return number }
        }
        return numbers.upperBound
    }

    /// Checks the deadline and, for a retry, moves the previous run's logs out of the way.
    private func start(_ attempt: Attempt, logDir: String) -> Start {
        if let deadline, !deadline.allows(attempt.job.test.timeout) {
            return attempt.number == 1 ? .skip : .over(attempt.withoutRunning("the deadline came first"))
        }
        guard attempt.number > 1 else { return .run }
        do {
            try AttemptLogs.setAside(logDir, attempt: attempt.number - 1)
            return .run
        } catch {
            var result = attempt.withoutRunning(error.message)
            result.status = .error
            result.observedStatus = .error
            return .over(result)
        }
    }

    /// The next attempt when `result` may be retried; `nil` when it is final.
    private func retrying(_ attempt: Attempt, _ result: JobResult) -> Attempt? {
        guard attempt.number <= retries, !attempt.decided, result.isRetryable, !Task.isCancelled else { return nil }
        return attempt.next(after: result)
    }

    /// The final result, with the earlier attempts' logs moved into the job's folder.
    private func finish(_ result: JobResult, logDir: String) -> JobResult {
        guard !result.attempts.isEmpty else { return result }
        do {
            try AttemptLogs.bringBack(logDir)
            return result
        } catch {
            var broken = result
            broken.status = .error
            broken.observedStatus = .error
            broken.reason = error.message
            return broken
        }
    }
}

/// One run of a job: the first, or a retry with the runs before it.
private struct Attempt: Sendable {
    /// The job with this attempt's seed.
    var job: PlannedJob
    /// 1-based.
    var number: Int
    /// The first attempt's seed, from which each retry's derives.
    let firstSeed: UInt64
    /// The runs before this one.
    var earlier: [JobAttempt]
    /// The run just before this one, whole: the job's result if this attempt does not run.
    var previous: JobResult?
    /// Whether this attempt's run is the job's last, whatever it ended with (runs made together decide so).
    var decided = false

    init(_ job: PlannedJob) {
        self.job = job
        self.number = 1
        self.firstSeed = job.seed
        self.earlier = []
    }

    /// The job's result when this attempt ended with `result`.
    func completed(by result: JobResult) -> JobResult {
        var result = result
        result.attempts = earlier
        return result
    }

    /// The attempt after this one, which ended with `result`.
    func next(after result: JobResult) -> Attempt {
        var next = self
        next.number += 1
        next.earlier.append(JobAttempt(number: number, of: result))
        next.previous = result
        next.job.seed = Seed.attempt(next.number, of: firstSeed)
        return next
    }

    /// The job's result when this (second or later) attempt does not run: the previous run's, `why` added to its
    /// reason.
    func withoutRunning(_ why: String) -> JobResult {
        guard var result = previous else {
            assertionFailure("only a retry can be left out")
            return JobResult(id: job.id, status: .error, reason: why, start: .now, duration: 0, seed: job.seed)
        }
        result.reason = [result.reason, "not run again: \(why)"].compactMap { $0 }.joined(separator: "; ")
        result.attempts = Array(earlier.dropLast())
        return result
    }
}

/// What a child task of ``JobPool/runTogether(_:through:executor:logDir:backup:)`` returns.
private enum TogetherEvent: Sendable {
    /// Run `number` ended.
    case ended(Int, JobResult)
    /// The backup fired (`true`) or closed (`false`).
    case backup(Bool)
}

/// A first run the pool watches for backups: when it is late, and its test's timeout (for the deadline).
private struct Watched {
    var backup: Backup
    var started: ContinuousClock.Instant
    var late: ContinuousClock.Instant
    var timeout: Duration
}

/// The signal that starts a running job's remaining runs beside its first (a backup for a straggler). Whoever comes
/// first wins: the pool firing it, or the first run ending, which closes it.
private final class Backup: Sendable {
    private enum State {
        case armed(CheckedContinuation<Bool, Never>?)
        case fired
        case closed
    }

    private let state = Mutex<State>(.armed(nil))

    /// Fires the backup; `false` when the first run had already ended.
    func fire() -> Bool {
        let (fired, waiter): (Bool, CheckedContinuation<Bool, Never>?) = state.withLock { state in
            guard case .armed(let waiter) = state else { return (false, nil) }
            state = .fired
            return (true, waiter)
        }
        waiter?.resume(returning: true)
        return fired
    }

    /// Closes it as the first run ended; `false` when it had fired.
    func close() -> Bool {
        let (closed, waiter): (Bool, CheckedContinuation<Bool, Never>?) = state.withLock { state in
            switch state {
            case .armed(let waiter):
                state = .closed
                return (true, waiter)
            case .fired: return (false, nil)
            case .closed: return (true, nil)
            }
        }
        waiter?.resume(returning: false)
        return closed
    }

    /// Waits until the backup fires (`true`) or closes (`false`); cancellation closes it.
    func wait() async -> Bool {
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Bool, Never>) in
                let now: Bool? = state.withLock { state in
                    switch state {
                    case .armed:
                        state = .armed(continuation)
                        return nil
                    case .fired: return true
                    case .closed: return false
                    }
                }
                if let now { continuation.resume(returning: now) }
            }
        } onCancel: {
            _ = close()
        }
    }
}

/// What a child task of the pool returns: a finished attempt, or a tick to sample the load.
private enum PoolEvent: Sendable {
    /// An attempt (or the last of runs made together) ended; `slots` is how many runs it held.
    case finished(Attempt, JobResult, slots: Int)
    case tick
}

extension JobResult {
    /// Whether a run that ended so may run again (`--retries`): it failed or timed out.
    fileprivate var isRetryable: Bool { status == .failed || status == .timeout }
}
