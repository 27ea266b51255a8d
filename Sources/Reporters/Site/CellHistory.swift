public import Results

/// A cell across the runs of one protocol, oldest run first: its status in each run, the run in which it last
/// changed, and whether it is flaky.
///
/// Flaky: the cell was marked flaky within a run (it failed, then succeeded), or it went between succeeding and
/// failing more than once in the window (succeeded → failed → succeeded, or the reverse).
public struct CellHistory: Sendable, Hashable {
    public var key: MatrixCell.Key
    /// One status per run (`nil`: the cell was not in that run or did not run).
    public var statuses: [JobStatus?]
    /// The index of the last run whose status differs from the run before it that has one; `nil` when it never
    /// changed.
    public var lastChange: Int?
    public var isFlaky: Bool

    /// The history of every cell of `runs` (all of one protocol, oldest first), in first-seen matrix order.
    public static func histories(_ runs: [RunResult]) -> [CellHistory] {
        var order: [MatrixCell.Key] = []
        var rows: [MatrixCell.Key: (statuses: [JobStatus?], flaky: Bool)] = [:]
        for (position, run) in runs.enumerated() {
            for cell in MatrixCell.cells(of: run) {
                if rows[cell.key] == nil {
                    order.append(cell.key)
                    rows[cell.key] = (Array(repeating: nil, count: runs.count), false)
                }
                rows[cell.key]?.statuses[position] = cell.status
                if cell.isFlaky { rows[cell.key]?.flaky = true }
            }
        }
        return order.compactMap { key in
            guard let row = rows[key] else { return nil }
            return CellHistory(key: key, statuses: row.statuses, markedFlaky: row.flaky)
        }
    }

    private init(key: MatrixCell.Key, statuses: [JobStatus?], markedFlaky: Bool) {
        self.key = key
        self.statuses = statuses
        var previous: JobStatus?
        var lastChange: Int?
        var flips = 0
        var previousVerdict: Bool?
        for (position, status) in statuses.enumerated() {
            guard let status else { continue }
            if let previous, previous != status { lastChange = position }
            previous = status
            // Only succeeding and failing count as flips: unsupported or an error says nothing about flakiness.
            let verdict: Bool? = status == .succeeded ? true : status.isFailure ? false : nil
            if let verdict {
                if let previousVerdict, previousVerdict != verdict { flips += 1 }
                previousVerdict = verdict
            }
        }
        self.lastChange = lastChange
        self.isFlaky = markedFlaky || flips >= 2
    }
}
