public import Orchestration
public import Results

/// A run fully decided: which pairs, which tests, where the output goes. Built by `RunConfiguration.resolve`.
///
/// Invariants: every pair's names are in `servers`/`clients`, which are in plan order without duplicates;
/// `tests` and `measurements` come from the protocol's menu with timeout overrides applied.
public struct RunConfiguration: Sendable {
    public var protocolKind: WireProtocol
    public var registry: Registry
    public var runtime: Runtime
    /// How each implementation of `clients` and `servers` is started under `runtime` (image IDs not yet known).
    public var programs: [String: EndpointProgram]
    /// Whether a missing image is pulled before the first job.
    public var pull: PullPolicy
    /// Client/server pairs in upstream's order: for each client, each server.
    public var pairs: [(client: String, server: String)]
    public var clients: [String]
    public var servers: [String]
    public var tests: [TestEntry]
    public var measurements: [TestEntry]
    /// Implementations whose failures are never turned into `unsupported` by post-processing.
    public var noAutoUnsupported: Set<String>
    /// The most jobs at once (`--jobs`); `nil` sizes the pool to the machine (``AdmissionControl/sized(jobs:cores:availableMemory:)``).
    public var jobs: Int?
    /// The machine's cores, which size the pool.
    public var cores: Int
    public var seed: UInt64
    public var saveFiles: Bool
    /// The endpoint sandbox's limits (the spec's `limits:` over the defaults).
    public var limits: SandboxLimits
    public var debug: Bool
    public var markdown: Bool
    public var output: Output
    /// How many times a failed or timed-out job runs again.
    public var retries: Int
    /// The time from the run's start by which the last job must have started.
    public var deadline: Duration?
    /// The part of the matrix this run is; `nil` for the whole matrix.
    public var shard: ShardSelector?
    /// Which jobs keep their packet traces, qlogs and key logs.
    public var keepTraces: TracePolicy
    /// Whether the run continues the interrupted run whose journal is `output.journal`.
    public var resumes: Bool

    /// Where every artefact of the run goes; `nil` means "not written".
    public struct Output: Sendable, Hashable {
        public var dir: String?
        public var logDir: String
        public var journal: String
        public var json: String?
        public var junit: String?
        public var html: String?
        public var markdown: String?
        public var archive: String?
        /// Every path above with what must be there and where it was chosen, checked before anything is written.
        public var targets: [OutputTarget]
    }
}
