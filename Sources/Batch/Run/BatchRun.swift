import Foundation
public import Logging
import Orchestration
public import Results

/// Runs a resolved configuration from start to verdicts: output folders, plan, pool, journal, post-processing.
///
/// Reports are not written here (the caller renders them from the returned `RunResult`), so a report can always be
/// re-rendered from a saved result.
public struct BatchRun: Sendable {
    public var configuration: RunConfiguration
    public var runnerVersion: String

    /// Creates a run.
    public init(configuration: RunConfiguration, runnerVersion: String) {
        self.configuration = configuration
        self.runnerVersion = runnerVersion
    }

    /// What a run ended with.
    public struct Outcome: Sendable {
        public var result: RunResult
        /// Upstream's post-processing lines.
        public var notes: [String]
        /// The signal that interrupted the run, if one did.
        public var interruptedBy: Int32?
    }

    /// Checks every output can be written before any job starts, then creates the output and log folders; when a
    /// check fails, nothing is created.
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

    /// Runs every job and returns the verdicts, cancelling the pool on SIGINT or SIGTERM (teardowns still run).
    /// `programs` (the configuration's, with image IDs once resolved) is recorded in the result.
    ///
    /// - Throws: `RunnerError` when the journal cannot be written.
    public func run(
        executor: some JobExecutor, programs: [String: EndpointProgram]? = nil, logger: Logger
    ) async throws(RunnerError) -> Outcome {
        let configuration = self.configuration
        let journal = try Journal(path: configuration.output.journal)
        let collected = ResultCollector()
        let plan = Plan(configuration)
        let start = Date()
        logger.info(
            "running \(plan.allJobs.count) jobs with up to \(configuration.jobs) at once",
            metadata: ["seed": "\(configuration.seed)", "logs": "\(configuration.output.logDir)"])

        let logRoot = configuration.output.logDir
        let pool = JobPool(width: configuration.jobs)
        // Installed before any job starts, so a signal never finds the default action (which would kill the runner
        // without a teardown).
        let signals = TerminationSignals.stream()
        let race: RaceOutcome<Void, Int32>
        do {
            race = try await withInterruption {
                await pool.run(
                    plan, executor: executor,
                    logDir: { (logRoot as NSString).appendingPathComponent($0.id.logPath) },
                    record: { result in
                        await collected.add(result, journal: journal)
                        logger.info(
                            "\(result.id): \(result.status.rawValue)\(result.reason.map { " (\($0))" } ?? "")",
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
        if case .interrupted(let signal) = race { interruptedBy = signal }
        if let failure = await collected.journalFailure { throw failure }

        var jobs = await collected.results
        let notes = AutoUnsupported.apply(
            to: &jobs, pairs: configuration.pairs, tests: configuration.tests.map(\.name),
            exempt: configuration.noAutoUnsupported)
        var implementations: [String: Implementation] = [:]
        for name in configuration.clients + configuration.servers {
            implementations[name] = configuration.registry[name]
        }
        let result = RunResult(
            protocolKind: configuration.protocolKind,
            runnerVersion: runnerVersion,
            start: start,
            end: Date(),
            seed: configuration.seed,
            logDir: configuration.output.logDir,
            servers: configuration.servers,
            clients: configuration.clients,
            implementations: implementations,
            programs: programs ?? configuration.programs,
            tests: configuration.tests.map(\.descriptor),
            measurements: configuration.measurements.map(\.descriptor),
            jobs: jobs
        )
        return Outcome(result: result, notes: notes, interruptedBy: interruptedBy)
    }
}

/// Collects results as jobs end and writes each to the journal first.
private actor ResultCollector {
    private(set) var results: [JobResult] = []
    private(set) var journalFailure: RunnerError?

    func add(_ result: JobResult, journal: Journal) {
        do {
            try journal.append(result)
        } catch {
            journalFailure = journalFailure ?? error
        }
        results.append(result)
    }
}
