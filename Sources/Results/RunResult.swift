public import struct Foundation.Date

/// Everything a run produced: enough to render every report without the runner (`report --from`).
///
/// Invariant: every `jobs[i].id` names a server in `servers`, a client in `clients` and a test in `tests` or
/// `measurements`; `servers` and `clients` keep the order of the plan, which fixes upstream's `results` index.
public struct RunResult: Codable, Sendable, Hashable {
    public var protocolKind: WireProtocol
    /// Version of this runner.
    public var runnerVersion: String
    public var start: Date
    public var end: Date
    /// The run's base seed; each job's seed derives from it.
    public var seed: UInt64
    /// The log tree's root, as given on the command line.
    public var logDir: String
    public var servers: [String]
    public var clients: [String]
    /// The registry entries of every implementation in `servers` or `clients`, keyed by name.
    public var implementations: [String: Implementation]
    /// What started each implementation of `servers` and `clients`: its command, or its image and the image's ID.
    public var programs: [String: EndpointProgram]
    public var tests: [TestDescriptor]
    public var measurements: [TestDescriptor]
    /// Every job that ran, in plan order (for each pair its test cases, then each pair's measurement repetitions),
    /// so a run, a resumed run and a merge of shards list the same results alike.
    public var jobs: [JobResult]
    /// Why some planned jobs never ran (the deadline, a signal, a shard that did not finish); `nil` when every job
    /// of the matrix ran (or was meant not to, as the measurement repetitions after a failed one).
    public var incompleteReason: String?
    /// Which jobs kept their packet traces, qlogs and key logs in the log tree.
    public var traces: TracePolicy
    /// The archive of the log tree, once written.
    public var archive: ArchiveSummary?

    private enum CodingKeys: String, CodingKey {
        case protocolKind = "protocol"
        case runnerVersion, start, end, seed, logDir, servers, clients, implementations, programs, tests, measurements
        case jobs, incompleteReason, traces, archive
    }

    /// Creates a run result.
    public init(
        protocolKind: WireProtocol,
        runnerVersion: String,
        start: Date,
        end: Date,
        seed: UInt64,
        logDir: String,
        servers: [String],
        clients: [String],
        implementations: [String: Implementation],
        programs: [String: EndpointProgram] = [:],
        tests: [TestDescriptor],
        measurements: [TestDescriptor],
        jobs: [JobResult],
        incompleteReason: String? = nil,
        traces: TracePolicy = .all,
        archive: ArchiveSummary? = nil
    ) {
        self.protocolKind = protocolKind
        self.runnerVersion = runnerVersion
        self.start = start
        self.end = end
        self.seed = seed
        self.logDir = logDir
        self.servers = servers
        self.clients = clients
        self.implementations = implementations
        self.programs = programs
        self.tests = tests
        self.measurements = measurements
        self.jobs = jobs
        self.incompleteReason = incompleteReason
        self.traces = traces
        self.archive = archive
    }

    /// The result of a test case for a pair, or `nil` when it did not run.
    public func result(server: String, client: String, test: String) -> JobResult? {
        jobs.first { $0.id.server == server && $0.id.client == client && $0.id.test == test && $0.id.repetition == nil }
    }

    /// The repetitions of a measurement for a pair, ordered by repetition; empty when it did not run.
    public func repetitions(server: String, client: String, measurement: String) -> [JobResult] {
        jobs.filter {
            $0.id.server == server && $0.id.client == client && $0.id.test == measurement && $0.id.repetition != nil
        }
        .sorted { ($0.id.repetition ?? 0) < ($1.id.repetition ?? 0) }
    }

    /// A measurement summarised over its repetitions, or `nil` when none ran.
    public func measurement(server: String, client: String, measurement: TestDescriptor) -> MeasurementSummary? {
        let runs = repetitions(server: server, client: client, measurement: measurement.name)
        guard !runs.isEmpty else { return nil }
        return MeasurementSummary(repetitions: runs, unit: measurement.unit ?? "")
    }

    /// Whether the run counts as failed (exit code 1): a test or measurement failed or timed out.
    public var hasFailures: Bool { jobs.contains { $0.status.isFailure } }

    /// Whether a job hit a runner or machine fault (exit code 2 when nothing failed otherwise).
    public var hasErrors: Bool { jobs.contains { $0.status == .error } }

    /// The jobs that failed or timed out, then succeeded when run again; they count as succeeded.
    public var flakyJobs: [JobResult] { jobs.filter(\.isFlaky) }
}
