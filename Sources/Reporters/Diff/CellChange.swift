/// How a cell of the matrix changed from the baseline run to this one.
public enum CellChange: String, Sendable, Hashable, CaseIterable {
    /// Failing now (failed, timeout, not compliant), not failing in the baseline.
    case newFailure = "new failure"
    /// Succeeding now, failing in the baseline.
    case fixed
    /// Failing in both runs.
    case stillFailing = "still failing"
    /// Failed and then succeeded within this run.
    case flaky
    /// Another change of status (succeeded to unsupported, a runner error, not run).
    case changed
    /// The cell's server, client or test is new in this run.
    case added
    /// The cell's server, client or test is gone from this run.
    case removed

    /// The mark of the change in the diff table.
    public var emoji: String {
        switch self {
        case .newFailure: "⚠️"
        case .fixed: "🚀"
        case .stillFailing: "❌"
        case .flaky: "🎲"
        case .changed: "🔄"
        case .added: "🆕"
        case .removed: "🗑️"
        }
    }

    /// The order of the diff table: new failures first, then fixes.
    static let displayOrder: [CellChange] = [.newFailure, .fixed, .flaky, .added, .changed, .stillFailing, .removed]
}
