public import Results

/// Remembers, for the whole run, whether each program answers an unknown `TESTCASE` with exit code 127 (upstream's
/// `_check_impl_is_compliant`), per role, and runs each check once even when many jobs ask at the same time.
///
/// A check runs inside the job that asked first, as a structured part of it (cancelled with it); jobs asking
/// meanwhile wait for its verdict. Only verdicts are kept: a check that throws (the runner could not start the
/// endpoint) or is cancelled leaves nothing behind, and the next job to ask runs it again.
public actor ComplianceCache {
    /// The verdict of one check: compliant, or why not and what the endpoint printed.
    public enum Verdict: Sendable, Hashable {
        case compliant
        case notCompliant(reason: String, output: String)
    }

    private struct Key: Hashable {
        var program: String
        var perspective: Perspective
    }

    private enum Entry {
        /// A job runs the check; these wait for its verdict (`nil`: it ended without one).
        case running([CheckedContinuation<Verdict?, Never>])
        case done(Verdict)
    }

    private var entries: [Key: Entry] = [:]

    /// An empty cache.
    public init() {}

    /// The verdict already known for `program` in `perspective`, without running or waiting for a check.
    public func known(_ program: String, as perspective: Perspective) -> Verdict? {
        guard case .done(let verdict)? = entries[Key(program: program, perspective: perspective)] else { return nil }
        return verdict
    }

    /// The verdict for `program` (a command path or an image ID) in `perspective`, running `check` in the caller's
    /// task when there is none yet and no other job is running it.
    ///
    /// - Throws: what `check` throws, or `CancellationError` when the caller is cancelled while it waits.
    public func verdict(
        for program: String,
        as perspective: Perspective,
        check: () async throws -> Verdict
    ) async throws -> Verdict {
        let key = Key(program: program, perspective: perspective)
        while true {
            switch entries[key] {
            case .done(let verdict)?:
                return verdict
            case .running?:
                let verdict = await withCheckedContinuation { waiter in wait(waiter, for: key) }
                if let verdict { return verdict }
                try Task.checkCancellation()
            case nil:
                entries[key] = .running([])
                do {
                    let verdict = try await check()
                    finish(key, with: verdict)
                    return verdict
                } catch {
                    finish(key, with: nil)
                    throw error
                }
            }
        }
    }

    /// Queues `waiter`; called without a suspension after the caller saw the check running, so it still is.
    private func wait(_ waiter: CheckedContinuation<Verdict?, Never>, for key: Key) {
        guard case .running(let waiters)? = entries[key] else {
            preconditionFailure("a waiter is queued only while its check runs")
        }
        entries[key] = .running(waiters + [waiter])
    }

    private func finish(_ key: Key, with verdict: Verdict?) {
        guard case .running(let waiters)? = entries[key] else { return }
        entries[key] = verdict.map(Entry.done)
        for waiter in waiters { waiter.resume(returning: verdict) }
    }
}
