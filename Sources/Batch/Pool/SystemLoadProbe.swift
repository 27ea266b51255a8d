import Foundation
import Synchronization

/// The machine's load from `/proc/stat` (all CPUs' busy and idle time) and `/proc/meminfo` (`MemAvailable`).
///
/// Busy time counts every process on the machine, not only the run's: a run shares the cores it is given.
public final class SystemLoadProbe: LoadProbe {
    private let previous = Mutex<(busy: UInt64, total: UInt64)?>(nil)

    /// Creates a probe; its first sample starts the measurement.
    public init() {}

    public func sample() -> LoadSample? {
        guard let times = Self.cpuTimes(), let memory = Self.availableMemory() else { return nil }
        let last = previous.withLock { previous in
            defer { previous = times }
            return previous
        }
        guard let last, times.total > last.total else { return nil }
        let busy = Double(times.busy - min(times.busy, last.busy)) / Double(times.total - last.total)
        return LoadSample(busy: min(1, max(0, busy)), availableMemory: memory)
    }

    /// `MemAvailable` in bytes, or `nil` when `/proc/meminfo` cannot be read.
    public static func availableMemory() -> UInt64? {
        guard let text = try? String(contentsOfFile: "/proc/meminfo", encoding: .utf8) else { return nil }
        for line in text.split(separator: "\n") where line.hasPrefix("MemAvailable:") {
            let fields = line.split(separator: " ", omittingEmptySubsequences: true)
            guard fields.count >= 2, let kilobytes = UInt64(fields[1]) else { return nil }
            return kilobytes * 1024
        }
        return nil
    }

    /// The aggregate `cpu` line of `/proc/stat`: busy jiffies (all but idle and iowait) and the total.
    public static func cpuTimes() -> (busy: UInt64, total: UInt64)? {
        guard let text = try? String(contentsOfFile: "/proc/stat", encoding: .utf8),
            let line = text.split(separator: "\n").first(where: { $0.hasPrefix("cpu ") })
        else { return nil }
        let values = line.split(separator: " ", omittingEmptySubsequences: true).dropFirst().compactMap {
            UInt64($0)
        }
        // user nice system idle iowait irq softirq steal [guest guest_nice, already counted in user and nice]
        guard values.count >= 5 else { return nil }
        let counted = Array(values.prefix(8))
        let total = counted.reduce(0, +)
        let idle = counted[3] + counted[4]
        return (total - idle, total)
    }
}
