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

    /// Writes a timing wrapper around each local adapter `ci/endpoints/<name>/run_endpoint` of `repository`, in a
    /// folder of the repository's `.build` (not `$TMPDIR`): the sandbox shows an endpoint of the host's `/tmp` only
    /// the folder below `/tmp` that holds its command, so a wrapper in `$TMPDIR` could not run the adapters of a
    /// checkout under `/tmp`, and every job would end `unsupported` (bash's 127).
    public static func localWrappers(for names: [String], repository: String, bench: String) throws -> LocalWrappers {
        let folder = repository + "/.build/\(bench)-wrappers-\(getpid())"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        var paths: [String: String] = [:]
        for name in names {
            let path = folder + "/" + name
            try wrapper(for: repository + "/ci/endpoints/\(name)/run_endpoint").write(
                toFile: path, atomically: true, encoding: .utf8)
            chmod(path, 0o755)
            paths[name] = path
        }
        return LocalWrappers(folder: folder, paths: paths)
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

/// The timing wrappers of a benchmark's local endpoints (``EndpointTiming/localWrappers(for:repository:bench:)``).
public struct LocalWrappers: Sendable {
    /// Their folder, removed by ``remove()``.
    public let folder: String
    /// Each wrapper's path by implementation name.
    public let paths: [String: String]

    /// Removes the wrappers.
    public func remove() { try? FileManager.default.removeItem(atPath: folder) }
}
