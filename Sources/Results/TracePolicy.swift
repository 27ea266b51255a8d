/// Which jobs keep their packet traces, qlogs and key logs in the log tree and the archive (`--keep-traces`).
///
/// Every job keeps its `output.txt` and its endpoints' output and logs; traces are what make a log tree large (the
/// main job's 2.1 GB were 1.5 GB of pcaps and 592 MB of qlogs), and they matter for the jobs that did not succeed.
public enum TracePolicy: String, Codable, Sendable, CaseIterable, Hashable {
    /// Jobs that did not succeed keep the traces of their last run; a job that succeeded on a retry keeps those of
    /// its last failed run.
    case failed
    /// Every job keeps its traces.
    case all
    /// No job keeps its traces.
    case never = "none"
}
