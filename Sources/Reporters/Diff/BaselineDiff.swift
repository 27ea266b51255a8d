public import Results

public import struct Foundation.Date

/// This run compared with a baseline run (e.g. the last run on main), cell by cell, matched by names.
///
/// Pure: built from two `RunResult`s and an optional policy, so `report --from new.json --baseline old.json` gives
/// the same diff as the run that wrote `new.json`.
public struct BaselineDiff: Sendable, Hashable {
    /// One cell that is not the same in both runs.
    public struct Entry: Sendable, Hashable {
        public var server: String
        public var client: String
        public var test: TestDescriptor
        public var change: CellChange
        /// The cell's status in the baseline (`nil`: not run, or not in its matrix).
        public var baseline: JobStatus?
        /// The cell's status now (`nil`: not run, or not in this matrix).
        public var current: JobStatus?
        /// Why the cell does not succeed now, when it does not.
        public var reason: String?
        /// The policy's known failure that covers the cell, if any.
        public var knownFailure: KnownFailure?
        /// Whether the policy requires the cell.
        public var isRequired: Bool
    }

    /// When the baseline ran, its seed and its runner.
    public var baselineStart: Date
    public var baselineSeed: UInt64
    public var baselineRunner: String
    /// Every cell that changed, and every still failing one, in display order (by change, then matrix order).
    public var entries: [Entry]
    /// Tests (and measurements) in only one of the runs, in their run's order.
    public var addedTests: [String]
    public var removedTests: [String]
    /// Implementations (as server or client) in only one of the runs.
    public var addedImplementations: [String]
    public var removedImplementations: [String]

    /// Compares `current` with `baseline`; `policy` marks the cells it requires or knows to fail.
    public init(baseline: RunResult, current: RunResult, policy: Policy? = nil) {
        baselineStart = baseline.start
        baselineSeed = baseline.seed
        baselineRunner = baseline.runnerVersion
        let before = Dictionary(
            MatrixCell.cells(of: baseline).map { ($0.key, $0) }, uniquingKeysWith: { _, last in last })
        let now = MatrixCell.cells(of: current)
        let currentKeys = Set(now.map(\.key))
        func entry(_ cell: MatrixCell, _ change: CellChange, baseline: JobStatus?, current: JobStatus?) -> Entry {
            Entry(
                server: cell.server, client: cell.client, test: cell.test, change: change, baseline: baseline,
                current: current,
                reason: current == .succeeded || current == .unsupported ? nil : cell.job?.reason,
                knownFailure: policy?.knownFailure(server: cell.server, client: cell.client, test: cell.test.name),
                isRequired: policy?.isRequired(server: cell.server, client: cell.client, test: cell.test.name) ?? false)
        }
        var entries: [Entry] = []
        for cell in now {
            guard let old = before[cell.key] else {
                entries.append(entry(cell, .added, baseline: nil, current: cell.status))
                continue
            }
            let failing = cell.status?.isFailure ?? false
            let wasFailing = old.status?.isFailure ?? false
            let change: CellChange? =
                if cell.isFlaky {
                    .flaky
                } else if failing {
                    wasFailing ? .stillFailing : .newFailure
                } else if wasFailing {
                    cell.status == .succeeded ? .fixed : .changed
                } else if cell.status != old.status {
                    .changed
                } else {
                    nil
                }
            if let change { entries.append(entry(cell, change, baseline: old.status, current: cell.status)) }
        }
        for old in MatrixCell.cells(of: baseline) where !currentKeys.contains(old.key) {
            entries.append(entry(old, .removed, baseline: old.status, current: nil))
        }
        let rank = Dictionary(uniqueKeysWithValues: CellChange.displayOrder.enumerated().map { ($1, $0) })
        // A stable sort keeps matrix order within a kind of change.
        self.entries = entries.enumerated().sorted {
            (rank[$0.element.change] ?? 0, $0.offset) < (rank[$1.element.change] ?? 0, $1.offset)
        }.map(\.element)
        let oldTests = (baseline.tests + baseline.measurements).map(\.name)
        let newTests = (current.tests + current.measurements).map(\.name)
        addedTests = newTests.filter { !oldTests.contains($0) }
        removedTests = oldTests.filter { !newTests.contains($0) }
        let oldNames = Self.names(baseline)
        let newNames = Self.names(current)
        addedImplementations = newNames.filter { !oldNames.contains($0) }
        removedImplementations = oldNames.filter { !newNames.contains($0) }
    }

    /// Servers then clients, each name once.
    private static func names(_ run: RunResult) -> [String] {
        var seen: Set<String> = []
        return (run.servers + run.clients).filter { seen.insert($0).inserted }
    }

    /// The entries of one kind of change.
    public func entries(_ change: CellChange) -> [Entry] { entries.filter { $0.change == change } }

    /// New failures that no known failure covers: what `--fail-on regressions` fails on.
    public var regressions: [Entry] { entries.filter { $0.change == .newFailure && $0.knownFailure == nil } }

    /// Whether no cell changed (still failing cells are not a change).
    public var isUnchanged: Bool { !entries.contains { $0.change != .stillFailing } }
}
