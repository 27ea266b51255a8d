public import Results

/// One job to run: a server, a client, a test (and its repetition) and the seed of its impairments.
public struct PlannedJob: Sendable {
    public var id: JobID
    public var test: TestEntry
    public var server: Implementation
    public var client: Implementation
    /// Derived from the run's seed and the job's identity, so one job can be replayed alone.
    public var seed: UInt64

    /// Creates a job.
    public init(id: JobID, test: TestEntry, server: Implementation, client: Implementation, seed: UInt64) {
        self.id = id
        self.test = test
        self.server = server
        self.client = client
        self.seed = seed
    }

    /// Whether this job measures time and so must run alone.
    public var isMeasurement: Bool { test.descriptor.isMeasurement }
}
