/// The time by which a run must have started its last job (`--deadline`): a job starts only if it would end, at the
/// latest (its timeout), before the deadline. Running jobs are never cut short, so the reports are written after it.
public struct Deadline: Sendable {
    /// The budget as given.
    public var budget: Duration
    /// When the budget runs out.
    public var end: ContinuousClock.Instant

    /// A deadline `budget` after `start`.
    public init(budget: Duration, from start: ContinuousClock.Instant) {
        self.budget = budget
        self.end = start + budget
    }

    /// Whether a job with `timeout` may start at `now`.
    public func allows(_ timeout: Duration, at now: ContinuousClock.Instant = .now) -> Bool {
        now + timeout <= end
    }
}
