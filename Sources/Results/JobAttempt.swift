public import struct Foundation.Date

/// An earlier run of a job that a retry replaced: what it ended with and where its logs are.
///
/// Only jobs that failed or timed out are run again (`--retries`); the last run is the job's own `JobResult`.
public struct JobAttempt: Codable, Sendable, Hashable {
    /// 1 for the first run; the job's own result is the run after the last attempt.
    public var number: Int
    public var status: JobStatus
    /// Why this run did not succeed.
    public var reason: String?
    public var start: Date
    /// Wall time of this run in seconds.
    public var duration: Double
    /// The seed of this run's impairments (each run of a job gets its own).
    public var seed: UInt64?

    /// Creates an attempt.
    public init(number: Int, status: JobStatus, reason: String?, start: Date, duration: Double, seed: UInt64?) {
        self.number = number
        self.status = status
        self.reason = reason
        self.start = start
        self.duration = duration
        self.seed = seed
    }

    /// The attempt of a finished run of `job`.
    public init(number: Int, of job: JobResult) {
        self.init(
            number: number, status: job.observedStatus, reason: job.reason, start: job.start, duration: job.duration,
            seed: job.seed)
    }

    /// The attempt's log folder relative to the log root: `<job>/attempt-<number>` (the last run stays in `<job>`).
    public func logPath(of id: JobID) -> String { "\(id.logPath)/\(Self.folderName(number))" }

    /// The name of attempt `number`'s folder inside the job's folder.
    public static func folderName(_ number: Int) -> String { "attempt-\(number)" }
}
