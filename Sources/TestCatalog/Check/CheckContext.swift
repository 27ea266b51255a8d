/// Everything a check may look at once a job ended: what was prepared, the job's directories and artifacts.
public struct CheckContext: Sendable {
    /// What the preparation generated and what it asked the endpoints to do.
    public var prepared: PreparedTest
    /// The job's `www` and `downloads` directories.
    public var directories: JobDirectories
    /// Packet traces and key logs.
    public var artifacts: JobArtifacts
    /// The traces and key log read so far, shared by copies of this context so each file is read at most once; they
    /// are read from the artifacts the context holds when a check first asks, so set ``artifacts`` before checking.
    let traces = TraceStore()

    /// Creates a context.
    public init(prepared: PreparedTest, directories: JobDirectories, artifacts: JobArtifacts = JobArtifacts()) {
        self.prepared = prepared
        self.directories = directories
        self.artifacts = artifacts
    }
}
