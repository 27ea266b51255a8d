import Foundation

/// How long the endpoints of a job ran, as wrappers record it, so a benchmark can tell the runner's time from theirs.
///
/// A wrapper runs the real entry point and appends `ROLE start end status` to `/logs/timing.txt` when it ends
/// (bash's `$EPOCHREALTIME`, no extra process); a job's endpoint time is the span from the first start to the last
/// end of its server and client.
public enum EndpointTiming {
    /// A bash wrapper that runs `entryPoint` and records its span. It passes SIGTERM on to the entry point and
    /// outlives it: as a container's PID 1 it is the only process a stop signals (the process runtime signals the
    /// whole process group, so there the entry point gets it twice, which a stop tolerates).
    public static func wrapper(for entryPoint: String) -> String {
        """
        #!/usr/bin/env bash
        start=$EPOCHREALTIME
        '\(entryPoint)' "$@" &
        child=$!
        trap 'kill -TERM "$child" 2>/dev/null' TERM
        while true; do
            wait "$child"
            status=$?
            kill -0 "$child" 2>/dev/null || break
        done
        end=$EPOCHREALTIME
        if [ -d /logs ]; then echo "$ROLE $start $end $status" >>/logs/timing.txt; fi
        exit "$status"

        """
    }

    /// The endpoint span of one job from the timing files in its log folder: (first start, last end).
    public static func span(logDir: String) -> (start: Double, end: Double)? {
        var starts: [Double] = []
        var ends: [Double] = []
        for role in ["server", "client"] {
            guard let text = try? String(contentsOfFile: "\(logDir)/\(role)/timing.txt", encoding: .utf8) else {
                return nil
            }
            for line in text.split(separator: "\n") {
                let fields = line.split(separator: " ")
                guard fields.count == 4, let start = Double(fields[1]), let end = Double(fields[2]) else { return nil }
                starts.append(start)
                ends.append(end)
            }
        }
        guard let first = starts.min(), let last = ends.max() else { return nil }
        return (first, last)
    }
}

/// The `q` quantile of `samples` by nearest rank; the median of an even count is the mean of the middle two.
public func quantile(_ samples: [Double], _ q: Double) -> Double? {
    guard !samples.isEmpty else { return nil }
    let sorted = samples.sorted()
    if q == 0.5 && sorted.count % 2 == 0 {
        return (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
    }
    let rank = max(1, Int((Double(sorted.count) * q).rounded(.up)))
    return sorted[min(sorted.count, rank) - 1]
}

/// A figure with one decimal, or `null` for JSON.
public func format(_ value: Double?) -> String { value.map { String(format: "%.1f", $0) } ?? "null" }
