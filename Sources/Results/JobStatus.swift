/// The verdict of one job.
///
/// `succeeded`, `failed` and `unsupported` are upstream's; `timeout` is a failure that ran out of time, `error` is a
/// fault of the runner or the machine, never blamed on an implementation, and `notCompliant` is a job upstream does not
/// run because an endpoint failed the compliance check (it did not answer an unknown test case with exit 127).
public enum JobStatus: String, Codable, Sendable, CaseIterable, Hashable {
    case succeeded
    case failed
    case unsupported
    case timeout
    case error
    case notCompliant = "not-compliant"

    /// The one-character symbol of the terminal and Markdown tables (upstream's ✓ ? ✕, plus ⏱ and !).
    public var symbol: String {
        switch self {
        case .succeeded: "✓"
        case .unsupported: "?"
        case .failed: "✕"
        case .timeout: "⏱"
        case .error: "!"
        case .notCompliant: "⊘"
        }
    }

    /// The value upstream's `result.json` carries: a timeout is a failure there; a runner error is not a verdict on
    /// the implementations and a non-compliant pair is not run by upstream, so both export as `null` (not run).
    public var upstreamValue: String? {
        switch self {
        case .succeeded: "succeeded"
        case .failed, .timeout: "failed"
        case .unsupported: "unsupported"
        case .error, .notCompliant: nil
        }
    }

    /// Whether this status makes the run exit with 1: a non-compliant endpoint breaks the contract, so CI goes red.
    public var isFailure: Bool { self == .failed || self == .timeout || self == .notCompliant }
}
