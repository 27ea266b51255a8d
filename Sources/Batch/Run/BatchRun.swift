public import Foundation
public import Logging
import Orchestration
public import Results

/// Runs a resolved configuration from start to verdicts: output folders, plan, pool, journal, post-processing.
///
/// The journal is the run's record: a header, then each finished job; the `RunResult` is rebuilt from it
/// (``RunAssembly``), so a resumed run (`--resume`) and a merge of shards (`--shard`, `merge`) end with what a single
/// run would have. Reports are not written here (the caller renders them from the returned `RunResult`), so a
/// report can always be re-rendered from a saved result.
public struct BatchRun: Sendable {
    public var configuration: RunConfiguration
    public var runnerVersion: String
    /// When the run started, for `--deadline`.
    public var started: ContinuousClock.Instant

    /// Creates a run.
    public init(configuration: RunConfiguration, runnerVersion: String, started: ContinuousClock.Instant = .now) {
        self.configuration = configuration
        self.runnerVersion = runnerVersion
        self.started = started
    }

    /// What a run ended with.
    public struct Outcome: Sendable {
        public var result: RunResult
        /// Upstream's post-processing lines.
        public var notes: [String]
        /// The signal that interrupted the run, if one did.
        public var interruptedBy: Int32?
        /// The jobs this run was to run (a shard's part, or all), and how many of them did not run.
        public var planned: Int
        public var notRun: Int
        /// The most jobs that ran at once.
        public var peakWidth: Int
    }

    /// The header this run's journal starts with (`programs`: the configuration's, with image IDs once resolved;
    /// `start`: now, or the start of the run this one continues).
    public func header(programs: [String: EndpointProgram]? = nil, start: Date = Date()) -> JournalHeader {
        var implementations: [String: Implementation] = [:]
        for name in configuration.clients + configuration.servers {
            implementations[name] = configuration.registry[name]
        }
        return JournalHeader(
            matrix: MatrixIdentity(configuration), seed: configuration.seed, runnerVersion: runnerVersion,
            shard: configuration.shard, start: start,
            implementations: implementations, programs: programs ?? configuration.programs,
            tests: configuration.tests.map(\.descriptor), measurements: configuration.measurements.map(\.descriptor),
            traces: configuration.keepTraces)
    }

    /// With `--resume`, the interrupted run's journal, checked to record this run (matrix, seed, runner version,
    /// shard); `nil` for a fresh run.
    ///
    /// - Throws: `RunnerError` (`badInput`) when the journal cannot be read, naming every difference when it records
    ///   another run.
    public func resumePoint() throws(RunnerError) -> ResumePoint? {
        guard configuration.resumes else { return nil }
        let point = try ResumePoint.load(journal: configuration.output.journal)
        try point.check(header(), journalPath: configuration.output.journal)
        return point
    }

    /// Checks every output can be written before any job starts, then creates the output and log folders; when a
    /// check fails, nothing is created. A resumed run keeps its log folder.
    ///
    /// - Throws: `RunnerError` when the log folder exists already (upstream refuses it too) or an output cannot be
    ///   written (`OutputTarget.problems`), or a folder cannot be created after all.
    public func prepareOutputs() throws(RunnerError) {
        let output = configuration.output
        if let problem = OutputTarget.problems(output.targets).first {
            let exists = FileManager.default.fileExists(atPath: output.logDir)
            throw RunnerError(exists ? .existingLogDir : .unwritableOutput, problem.description)
        }
        let folders =
            [output.dir, output.logDir]
            + [output.journal, output.json, output.junit, output.html, output.markdown, output.archive]
            .map { $0.map { ($0 as NSString).deletingLastPathComponent } }
        for case let folder? in folders where !folder.isEmpty {
            do {
                try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            } catch {
                throw RunnerError(
                    .unwritableOutput, "cannot create the folder \(folder): \(FileErrorText.describe(error))")
            }
        }
    }

    /// The jobs this run is to run: the whole plan, or this shard's part of it.
    public var plan: Plan {
        let whole = Plan(configuration)
        guard let shard = configuration.shard else { return whole }
        return whole.keeping(ShardPartition(whole, count: shard.count).jobs(of: shard))
    }

    /// Runs every job and returns the verdicts, cancelling the pool on SIGINT or SIGTERM (teardowns still run).
    /// `programs` (the configuration's, with image IDs once resolved) is recorded in the result.
    ///
    /// - Throws: `RunnerError` when the journal cannot be written or a resumed job's leftovers cannot be cleared.
    public func run(
        executor: some JobExecutor, programs: [String: EndpointProgram]? = nil, logger: Logger,
        probe: (any LoadProbe)? = SystemLoadProbe()
    ) async throws(RunnerError) -> Outcome {
        let configuration = self.configuration
        let continued = try resumePoint()
        let header = header(programs: programs, start: continued?.journal.header.start ?? Date())
        let planned = plan
        let logRoot = configuration.output.logDir
        let folder: @Sendable (JobID) -> String = { (logRoot as NSString).appendingPathComponent($0.logPath) }

        let journal: Journal
        let remaining = continued?.remaining(of: planned) ?? planned
        let earlier = continued?.journal.results ?? []
        if continued != nil {
            for job in remaining.allJobs { try AttemptLogs.clear(folder(job.id)) }
            journal = try Journal(continuing: configuration.output.journal)
        } else {
            journal = try Journal(path: configuration.output.journal, header: header)
        }
        if let shard = configuration.shard, let dir = configuration.output.dir {
            try ShardManifest(shard: shard, jobs: planned.allJobs.map(\.id)).write(into: dir)
        }
        let admission = AdmissionControl.sized(
            jobs: configuration.jobs, cores: configuration.cores, availableMemory: SystemLoadProbe.availableMemory())
        let pool = JobPool(
            admission: admission, retries: configuration.retries,
            deadline: configuration.deadline.map { Deadline(budget: $0, from: started) }, probe: probe,
            stragglers: .lateInARun)
        let before = earlier.isEmpty ? "" : " (\(earlier.count) finished before)"
        let width = admission.adapts ? "\(admission.floor) to \(admission.ceiling)" : "\(admission.ceiling)"
        logger.info(
            "running \(remaining.allJobs.count) jobs\(before), \(width) at once",
            metadata: [
                "seed": "\(configuration.seed)", "logs": "\(logRoot)",
                "shard": "\(configuration.shard.map(\.description) ?? "-")",
            ])

        let collected = ResultCollector()
        let traces = configuration.keepTraces
        // Installed before any job starts, so a signal never finds the default action (which would kill the runner
        // without a teardown).
        let signals = TerminationSignals.stream()
        let race: RaceOutcome<JobPool.Outcome, Int32>
        do {
            race = try await withInterruption {
                await pool.run(
                    remaining, executor: executor, logDir: { folder($0.id) },
                    record: { result in
                        // A job cut short by SIGINT or SIGTERM did not finish: left out of the journal, it runs
                        // again when the run is resumed, and the reports show it as not run.
                        if Task.isCancelled, result.status == .error { return }
                        await collected.add(result, folder: folder(result.id), traces: traces, journal: journal)
                        let flaky = result.isFlaky ? " (flaky)" : ""
                        logger.info(
                            "\(result.id): \(result.status.rawValue)\(flaky)\(result.reason.map { " (\($0))" } ?? "")",
                            metadata: ["job": "\(result.id)"])
                    })
            } interruptedBy: {
                for await signal in signals { return signal }
                return nil
            }
        } catch {
            // The pool itself never throws; a job's failure is its result.
            throw RunnerError(.internal, "the job pool stopped: \(error)")
        }
        var interruptedBy: Int32?
        var poolOutcome = JobPool.Outcome()
        switch race {
        case .interrupted(let signal): interruptedBy = signal
        case .finished(let outcome): poolOutcome = outcome
        }
        if let failure = await collected.failure { throw failure }
        let backups =
            poolOutcome.backedUp == 0 ? "" : "; \(poolOutcome.backedUp) late first runs got their retries beside them"
        logger.info("at most \(poolOutcome.peakWidth) jobs at once\(backups)")

        let jobs = earlier + (await collected.results)
        let notRun = RunAssembly.notRun(planned.allJobs.map(\.id), finished: jobs)
        var incompleteReason: String?
        if !notRun.isEmpty {
            let count = "\(notRun.count) of \(planned.allJobs.count) jobs did not run"
            if let interruptedBy {
                incompleteReason = "interrupted by signal \(interruptedBy): \(count)"
            } else if let deadline = configuration.deadline, !poolOutcome.stoppedByDeadline.isEmpty {
                incompleteReason = "the deadline of \(DurationText.format(deadline)) came first: \(count)"
            } else {
                incompleteReason = count
            }
        }
        let end = Date()
        if let shard = configuration.shard, let dir = configuration.output.dir {
            try ShardManifest(
                shard: shard, jobs: planned.allJobs.map(\.id), end: end, incompleteReason: incompleteReason
            ).write(into: dir)
        }
        let (result, notes) = RunAssembly.result(
            header: header, jobs: jobs, end: end, logDir: logRoot, traces: traces,
            incompleteReason: incompleteReason, postProcess: configuration.shard == nil)
        return Outcome(
            result: result, notes: notes, interruptedBy: interruptedBy, planned: planned.allJobs.count,
            notRun: notRun.count, peakWidth: poolOutcome.peakWidth)
    }
}

/// Collects results as jobs end: prunes each job's traces as the policy says, then writes it to the journal.
private actor ResultCollector {
    private(set) var results: [JobResult] = []
    private(set) var failure: RunnerError?

    func add(_ result: JobResult, folder: String, traces: TracePolicy, journal: Journal) {
        do {
            try TracePruner.prune(folder, of: result, policy: traces)
            try journal.append(result)
        } catch {
            failure = failure ?? error
        }
        results.append(result)
    }
}
