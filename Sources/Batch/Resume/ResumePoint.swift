public import Results

/// Where an interrupted run continues (`--resume DIR`): its journal's header and the jobs it finished.
///
/// Finished jobs are not run again and keep their journal lines byte for byte; the jobs it did not finish start
/// over (their log folders are cleared first). A measurement series continues after its last finished repetition,
/// unless one did not succeed (the series had ended there).
public struct ResumePoint: Sendable {
    /// The interrupted run's journal.
    public var journal: Journal.Contents

    /// Reads the journal at `path`.
    ///
    /// - Throws: `RunnerError` (`badInput`) when there is no journal or it cannot be read.
    public static func load(journal path: String) throws(RunnerError) -> ResumePoint {
        ResumePoint(journal: try Journal.load(path: path))
    }

    /// Checks that `header` (the run about to continue) is the run the journal records.
    ///
    /// - Throws: `RunnerError` (`badInput`) naming every difference.
    public func check(_ header: JournalHeader, journalPath: String) throws(RunnerError) {
        let differences = journal.header.differences(from: header, mine: "the journal", theirs: "this run")
        guard differences.isEmpty else {
            throw RunnerError(
                .badInput,
                "cannot resume from \(journalPath): it records another run; "
                    + differences.joined(separator: "; "))
        }
    }

    /// The finished jobs, by job.
    public var finished: [JobID: JobResult] {
        Dictionary(journal.results.map { ($0.id, $0) }, uniquingKeysWith: { _, later in later })
    }

    /// The jobs of `plan` still to run.
    public func remaining(of plan: Plan) -> Plan {
        let finished = self.finished
        var ids = Set(plan.tests.map(\.id).filter { finished[$0] == nil })
        for series in plan.measurementSeries {
            let done = series.compactMap { finished[$0.id] }
            guard done.allSatisfy({ $0.status == .succeeded }) else { continue }
            ids.formUnion(series.map(\.id).filter { finished[$0] == nil })
        }
        return plan.keeping(ids)
    }
}
