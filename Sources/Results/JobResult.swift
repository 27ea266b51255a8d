public import struct Foundation.Date

/// The outcome of one job, as the journal records it and the reports read it.
public struct JobResult: Codable, Sendable, Hashable {
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
        seed: UInt64? = nil
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
    }
}
