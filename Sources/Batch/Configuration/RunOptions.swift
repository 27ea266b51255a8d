public import Results

/// What the command line said, before it is combined with a spec; `nil` means "not given".
///
/// Strings keep upstream's comma-separated forms (`-s a,b`, `-r name=image,...`) so they are checked in one place.
public struct RunOptions: Sendable, Hashable {
    public var protocolKind: WireProtocol?
    public var servers: String?
    public var clients: String?
    public var tests: String?
    public var replace: String?
    public var logDir: String?
    public var saveFiles: Bool?
    public var json: String?
    public var markdown = false
    public var mustInclude: String?
    public var noAutoUnsupported: String?
    public var debug = false
    public var jobs: Int?
    public var outputDir: String?
    public var registries: [String] = []
    public var runtime: Runtime?
    public var pull: PullPolicy?
    public var seed: UInt64?
    public var retries: Int?
    public var deadline: Duration?
    public var shard: ShardSelector?
    public var keepTraces: TracePolicy?
    /// The output folder of an interrupted run to continue (`--resume`).
    public var resume: String?

    /// The pool sizes a run accepts, from the command line (`--jobs`) or a spec (`jobs`).
    public static let jobsRange = 1...1024

    /// No options given.
    public init() {}
}
