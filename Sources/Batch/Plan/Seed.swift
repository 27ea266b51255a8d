public import Results

/// Derives per-job seeds from a run's seed, so that any job can be replayed with the same impairments.
public enum Seed {
    /// A well-mixed 64-bit seed from the run seed and the job's stable identity (its log path).
    public static func derive(_ base: UInt64, for id: JobID) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325  // FNV-1a offset basis
        for byte in id.logPath.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        return SeededGenerator.splitMix64(base ^ hash)
    }
}

extension Seed {
    /// The seed of attempt `number` of a job whose first attempt has `seed`: the first keeps it (so a job replays
    /// as it first ran), each retry draws another from the job's own generator stream.
    public static func attempt(_ number: Int, of seed: UInt64) -> UInt64 {
        guard number > 1 else { return seed }
        var generator = SeededGenerator(seed: seed, stream: UInt64(number))
        return generator.next()
    }
}
