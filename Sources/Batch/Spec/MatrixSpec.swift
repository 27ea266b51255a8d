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

    /// Where reports go; each path is relative to the working directory.
    public struct OutputPaths: Sendable, Hashable {
        public var dir: String?
        public var logDir: String?
        public var json: String?
        public var junit: String?
        public var html: String?
        public var markdown: String?
        public var archive: String?

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
        "limits",
    ]

    /// The keys of `output`.
    static let outputKeys = ["dir", "log-dir", "json", "junit", "html", "markdown", "archive"]
}
