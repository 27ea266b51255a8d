import struct Foundation.Date

/// The journal's form of a result: `attempts` is left out when the job ran once, `detail` and `evidence` when there are
/// none (a job that succeeded), so a journal without them reads as before. A resumed or merged run rebuilds its reports
/// from the journal, so everything a report says of a job is here.
extension JobResult: Codable {
    private enum CodingKeys: String, CodingKey {
        case id, status, observedStatus, reason, detail, evidence, start, duration, value, seed, attempts
    }

    /// Decodes a result; a missing `attempts` means the job ran once.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(JobID.self, forKey: .id)
        status = try container.decode(JobStatus.self, forKey: .status)
        observedStatus = try container.decode(JobStatus.self, forKey: .observedStatus)
        reason = try container.decodeIfPresent(String.self, forKey: .reason)
        detail = try container.decodeIfPresent(String.self, forKey: .detail)
        evidence = try container.decodeIfPresent(JobEvidence.self, forKey: .evidence)
        start = try container.decode(Date.self, forKey: .start)
        duration = try container.decode(Double.self, forKey: .duration)
        value = try container.decodeIfPresent(Double.self, forKey: .value)
        seed = try container.decodeIfPresent(UInt64.self, forKey: .seed)
        attempts = try container.decodeIfPresent([JobAttempt].self, forKey: .attempts) ?? []
    }

    /// Encodes a result, leaving out `attempts`, `detail` and `evidence` when there are none.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(status, forKey: .status)
        try container.encode(observedStatus, forKey: .observedStatus)
        try container.encodeIfPresent(reason, forKey: .reason)
        try container.encodeIfPresent(detail, forKey: .detail)
        try container.encodeIfPresent(evidence, forKey: .evidence)
        try container.encode(start, forKey: .start)
        try container.encode(duration, forKey: .duration)
        try container.encodeIfPresent(value, forKey: .value)
        try container.encodeIfPresent(seed, forKey: .seed)
        if !attempts.isEmpty { try container.encode(attempts, forKey: .attempts) }
    }
}
