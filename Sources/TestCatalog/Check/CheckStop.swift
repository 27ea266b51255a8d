/// A requirement that did not hold: it ends the check early with its outcome.
///
/// Checks are written as a sequence of requirements in upstream's order; the first one that throws decides the
/// verdict, as upstream's `check()` returns at its first failing condition.
struct CheckStop: Error {
    /// The verdict of the check.
    let outcome: CheckOutcome

    /// A stop with a failed outcome.
    static func failed(_ reason: String) -> CheckStop {
        CheckStop(outcome: .failed(reason))
    }
}

extension CheckContext {
    /// Runs a check written as requirements: the outcome `body` returns, or the outcome of the first stop.
    func judge(_ body: () throws(CheckStop) -> CheckOutcome) -> CheckOutcome {
        do {
            return try body()
        } catch {
            return error.outcome
        }
    }
}
