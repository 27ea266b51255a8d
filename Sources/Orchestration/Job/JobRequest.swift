public import Results
public import TestCatalog

/// Everything one job needs to run: the pair, the test, its time limit and seed, and where its logs go.
public struct JobRequest: Sendable {
    public var id: JobID
    public var test: any TestCase
    /// The whole job's time limit (upstream's `timeout()`, or a spec's override).
    public var timeout: Duration
    public var server: Implementation
    public var client: Implementation
    /// What starts the server: its command or image (with the image's ID once the run resolved it).
    public var serverProgram: EndpointProgram
    /// What starts the client.
    public var clientProgram: EndpointProgram
    /// Seeds the generated files and the simulator's impairments.
    public var seed: UInt64
    /// The job's folder in the log tree (`<log-dir>/<server>_<client>/<test>[/<repetition>]`).
    public var logDir: String
    /// Keep the `www` and `downloads` folders of a failed job in its log folder (upstream `-f`).
    public var saveFiles: Bool

    /// Creates a request.
    public init(
        id: JobID,
        test: any TestCase,
        timeout: Duration,
        server: Implementation,
        client: Implementation,
        serverProgram: EndpointProgram,
        clientProgram: EndpointProgram,
        seed: UInt64,
        logDir: String,
        saveFiles: Bool
    ) {
        self.id = id
        self.test = test
        self.timeout = timeout
        self.server = server
        self.client = client
        self.serverProgram = serverProgram
        self.clientProgram = clientProgram
        self.seed = seed
        self.logDir = logDir
        self.saveFiles = saveFiles
    }
}
