/// How many jobs may run at once, sized to the machine: jobs mostly wait on their simulated 10 Mbit/s links, not on
/// the CPU, so the pool widens while the CPUs have headroom and narrows when they are saturated, between `floor`
/// and `ceiling` (`--jobs`). It stops admitting jobs while memory is short.
///
/// A state machine: each ``observe(_:running:waiting:)`` takes one load sample and moves ``limit``. Invariant:
/// `1 <= floor <= limit <= ceiling`, except that a memory shortage lowers `limit` to what is running (at least 1).
public struct AdmissionControl: Sendable, Hashable {
    /// The fewest jobs the pool runs at once while work waits and memory allows.
    public let floor: Int
    /// The most jobs at once.
    public let ceiling: Int
    /// How many jobs may run now.
    public private(set) var limit: Int

    /// Below this share of busy CPU time the pool widens when it is full.
    public static let headroom = 0.90
    /// Above this share the pool narrows.
    public static let saturation = 0.95
    /// Below this much available memory no job is started.
    public static let memoryReserve: UInt64 = 1 << 30
    /// What one job is budgeted when the default ceiling is sized to the memory (simulator, two endpoints).
    public static let memoryPerJob: UInt64 = 200 << 20
    /// The default ceiling per core when `--jobs` is not given: at 16 the main job's first minutes, full of lossy
    /// handshakes that wait on their links, left a quarter of the CPU time idle.
    public static let jobsPerCore = 24
    /// Where the pool starts, per core: the main job at 8 jobs per core kept 1.3 of 2 cores busy with the verdicts
    /// of 4 per core (within the run-to-run churn), so the pool starts there and grows only on evidence.
    public static let floorPerCore = 8

    /// A pool that starts at `floor` jobs and may grow to `ceiling`.
    public init(floor: Int, ceiling: Int) {
        let ceiling = max(1, ceiling)
        self.ceiling = ceiling
        self.floor = min(max(1, floor), ceiling)
        self.limit = self.floor
    }

    /// A pool of exactly `width` jobs.
    public static func fixed(_ width: Int) -> AdmissionControl { AdmissionControl(floor: width, ceiling: width) }

    /// The pool for a machine of `cores` cores and `availableMemory` bytes: from ``floorPerCore`` jobs per core up to
    /// `jobs` (`--jobs`), or without it up to ``jobsPerCore`` per core as far as the memory holds ``memoryPerJob``
    /// each.
    public static func sized(jobs: Int?, cores: Int, availableMemory: UInt64?) -> AdmissionControl {
        let cores = max(1, cores)
        var ceiling = jobs ?? cores * jobsPerCore
        if jobs == nil, let memory = availableMemory {
            ceiling = min(ceiling, Int(memory.saturatingSubtraction(memoryReserve) / memoryPerJob))
        }
        ceiling = max(1, ceiling)
        return AdmissionControl(floor: min(ceiling, floorPerCore * cores), ceiling: ceiling)
    }

    /// Whether the limit can move at all (a pool fixed at one width needs no load samples).
    public var adapts: Bool { floor < ceiling }

    /// Takes one load sample: `running` jobs run, `waiting` says whether a job waits to start.
    public mutating func observe(_ sample: LoadSample, running: Int, waiting: Bool) {
        if sample.availableMemory < Self.memoryReserve {
            limit = max(1, min(limit, running))
            return
        }
        if limit < floor { limit = floor }
        if sample.busy > Self.saturation {
            limit = max(floor, limit - 1)
        } else if sample.busy < Self.headroom, waiting, running >= limit {
            // Far from saturation, grow by a quarter; near it, one job at a time.
            let step = sample.busy < Self.headroom / 2 ? max(1, limit / 4) : 1
            limit = min(ceiling, limit + step)
        }
    }
}

extension UInt64 {
    /// `self - other`, or 0 when `other` is larger.
    fileprivate func saturatingSubtraction(_ other: UInt64) -> UInt64 { self > other ? self - other : 0 }
}
