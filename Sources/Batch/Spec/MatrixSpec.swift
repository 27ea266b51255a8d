public import Results

/// A matrix spec as written (YAML or JSON): every field optional, so command-line flags can fill or override it.
///
/// The format is documented in the README (`Matrix spec`) with an example in `ci/matrix-local.yml`.
public struct MatrixSpec: Sendable, Hashable {
    /// The file the spec came from; relative registry paths resolve against its directory.
    public var file: String
    public var protocolKind: WireProtocol?
    public var registries: [Located<String>]?
    public var servers: Selection?
    public var clients: Selection?
    public var tests: Selection?
    public var measurements: Selection?
    public var mustInclude: Located<String>?
    public var noAutoUnsupported: [Located<String>]?
    /// `name: image` pairs, as upstream's `-r name=image`.
    public var replace: [Located<String>: String]?
    public var jobs: Int?
    public var runtime: Runtime?
    public var pull: PullPolicy?
    public var seed: UInt64?
    public var saveFiles: Bool?
    /// Per-test timeout overrides in seconds, keyed by test name.
    public var timeouts: [Located<String>: Double]?
    /// The endpoint sandbox's limits (`limits:`).
    public var limits: Limits?
    public var output: OutputPaths
    /// How many times a failed or timed-out job runs again (`--retries`).
    public var retries: Int?
    /// The time by which the last job must have started (`--deadline`).
    public var deadline: Duration?
    /// The part of the matrix to run (`--shard K/N`).
    public var shard: ShardSelector?
    /// Which jobs keep their traces (`--keep-traces`).
    public var keepTraces: TracePolicy?
    /// Where each top-level key's value is, by key, so a problem about a whole field points at it.
    public var places: [String: Located<String>] = [:]

    /// Where reports go; each path is relative to the working directory, and keeps its place in the spec so an
    /// unwritable one is reported there.
    public struct OutputPaths: Sendable, Hashable {
        public var dir: Located<String>?
        public var logDir: Located<String>?
        public var json: Located<String>?
        public var junit: Located<String>?
        public var html: Located<String>?
        public var markdown: Located<String>?
        public var archive: Located<String>?

        /// No paths set.
        public init() {}
    }

    /// An empty spec (everything from the command line or defaults).
    public init(file: String) {
        self.file = file
        self.output = OutputPaths()
    }

    /// The keys a spec may have at its top level.
    static let keys = [
        "protocol", "registries", "servers", "clients", "tests", "measurements", "must-include",
        "no-auto-unsupported", "replace", "jobs", "runtime", "pull", "seed", "save-files", "timeouts", "output",
        "retries", "deadline", "shard", "keep-traces", "limits",
    ]

    /// The timeouts a spec may set, in seconds: long enough to start a job, short enough to be a duration (a day).
    public static let timeoutRange: ClosedRange<Double> = 1...86_400

    /// The keys of `output`.
    static let outputKeys = ["dir", "log-dir", "json", "junit", "html", "markdown", "archive"]
}
