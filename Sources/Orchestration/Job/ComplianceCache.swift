public import Results

/// Remembers, for the whole run, whether each implementation answers an unknown `TESTCASE` with exit code 127
/// (upstream's `_check_impl_is_compliant`), and runs each check once even when many jobs ask at the same time.
public actor ComplianceCache {
    /// The verdict of one check: compliant, or why not.
    public enum Verdict: Sendable, Hashable {
        case compliant
        case notCompliant(String)
    }

    private struct Key: Hashable {
        var name: String
        var perspective: Perspective
    }

    private var checks: [Key: Task<Verdict, Never>] = [:]

    /// An empty cache.
    public init() {}

    /// The cached verdict for `name` in `perspective`, running `check` when there is none yet.
    public func verdict(
        for name: String,
        as perspective: Perspective,
        check: @escaping @Sendable () async -> Verdict
    ) async -> Verdict {
        let key = Key(name: name, perspective: perspective)
        if let running = checks[key] { return await running.value }
        let task = Task { await check() }
        checks[key] = task
        return await task.value
    }
}
