/// The verdict of one job.
///
/// `succeeded`, `failed` and `unsupported` are upstream's; `timeout` is a failure that ran out of time and
/// `error` is a fault of the runner or the machine, never blamed on an implementation.
public enum JobStatus: String, Codable, Sendable, CaseIterable, Hashable {
    case succeeded
    case failed
    case unsupported
    case timeout
    case error

    /// The one-character symbol of the terminal and Markdown tables (upstream's ✓ ? ✕, plus ⏱ and !).
    public var symbol: String {
        switch self {
        case .succeeded: "✓"
        case .unsupported: "?"
        case .failed: "✕"
        case .timeout: "⏱"
        case .error: "!"
        }
    }

    /// The value upstream's `result.json` carries: a timeout is a failure there, and a runner error is not a
    /// verdict on the implementations, so it exports as `null` (not run).
    public var upstreamValue: String? {
        switch self {
        case .succeeded: "succeeded"
        case .failed, .timeout: "failed"
        case .unsupported: "unsupported"
        case .error: nil
        }
    }

    /// Whether this status makes the run exit with 1.
    public var isFailure: Bool { self == .failed || self == .timeout }
}
