import struct Foundation.Date

/// The journal's form of a result: `attempts` is left out when the job ran once, so a journal without retries reads
/// as before.
extension JobResult: Codable {
    private enum CodingKeys: String, CodingKey {
        case id, status, observedStatus, reason, start, duration, value, seed, attempts
    }

    /// Decodes a result; a missing `attempts` means the job ran once.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(JobID.self, forKey: .id)
        status = try container.decode(JobStatus.self, forKey: .status)
        observedStatus = try container.decode(JobStatus.self, forKey: .observedStatus)
        reason = try container.decodeIfPresent(String.self, forKey: .reason)
        start = try container.decode(Date.self, forKey: .start)
        duration = try container.decode(Double.self, forKey: .duration)
        value = try container.decodeIfPresent(Double.self, forKey: .value)
        seed = try container.decodeIfPresent(UInt64.self, forKey: .seed)
        attempts = try container.decodeIfPresent([JobAttempt].self, forKey: .attempts) ?? []
    }

    /// Encodes a result, leaving out `attempts` when there are none.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(status, forKey: .status)
        try container.encode(observedStatus, forKey: .observedStatus)
        try container.encodeIfPresent(reason, forKey: .reason)
        try container.encode(start, forKey: .start)
        try container.encode(duration, forKey: .duration)
        try container.encodeIfPresent(value, forKey: .value)
        try container.encodeIfPresent(seed, forKey: .seed)
        if !attempts.isEmpty { try container.encode(attempts, forKey: .attempts) }
    }
}
