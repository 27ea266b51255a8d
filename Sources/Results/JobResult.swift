public import struct Foundation.Date

/// The outcome of one job, as the journal records it and the reports read it.
public struct JobResult: Sendable, Hashable {
    public var id: JobID
    /// The final status, after auto-unsupported post-processing.
    public var status: JobStatus
    /// The status the job itself produced; differs from `status` only when post-processing changed it.
    public var observedStatus: JobStatus
    /// One line saying why the job did not succeed (the failing check, the exit code, the runner fault).
    public var reason: String?
    /// What backs the reason up, when there is more than one line to say (a non-compliant endpoint's own output).
    public var detail: String?
    /// The endpoints' last words and the job's files, for a job that failed, timed out or hit an error.
    public var evidence: JobEvidence?
    /// When the job started.
    public var start: Date
    /// Wall time of the job in seconds.
    public var duration: Double
    /// A measurement's value for this repetition (in the measurement's unit).
    public var value: Double?
    /// The seed of the simulator's impairments, so a run can be replayed.
    public var seed: UInt64?
    /// The earlier runs of this job, in order, when it failed or timed out and was run again (`--retries`); empty
    /// when it ran once. The fields above describe its last run.
    public var attempts: [JobAttempt]

    /// Creates a result whose final status is the observed one.
    public init(
        id: JobID,
        status: JobStatus,
        reason: String? = nil,
        detail: String? = nil,
        evidence: JobEvidence? = nil,
        start: Date,
        duration: Double,
        value: Double? = nil,
        seed: UInt64? = nil,
        attempts: [JobAttempt] = []
    ) {
        self.id = id
        self.status = status
        self.observedStatus = status
        self.reason = reason
        self.detail = detail
        self.evidence = evidence
        self.start = start
        self.duration = duration
        self.value = value
        self.seed = seed
        self.attempts = attempts
    }

    /// Whether the job failed or timed out, then succeeded when run again: it counts as `succeeded`, and the
    /// reports mark it.
    public var isFlaky: Bool { observedStatus == .succeeded && !attempts.isEmpty }
}
