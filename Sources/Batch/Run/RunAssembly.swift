public import Foundation
public import Results

/// Builds a `RunResult` from a journal's header and job results, the one way a run, a resumed run and a merge of
/// shards all do it: jobs in plan order, then upstream's auto-unsupported rule over the whole matrix.
public enum RunAssembly {
    /// The run of `header`'s matrix with `jobs` (each job once), ended at `end`, logs in `logDir`. Post-processing
    /// (auto-unsupported) is applied when `postProcess` is set; a shard leaves it to the merge. Returns the result
    /// and upstream's post-processing lines.
    public static func result(
        header: JournalHeader,
        jobs: [JobResult],
        end: Date,
        logDir: String,
        traces: TracePolicy,
        incompleteReason: String?,
        postProcess: Bool
    ) -> (result: RunResult, notes: [String]) {
        var order: [JobID: Int] = [:]
        for (position, id) in header.matrix.jobIDs.enumerated() { order[id] = position }
        var sorted = jobs.sorted { (order[$0.id] ?? Int.max) < (order[$1.id] ?? Int.max) }
        var notes: [String] = []
        if postProcess {
            notes = AutoUnsupported.apply(
                to: &sorted, pairs: header.matrix.pairs.map { ($0.client, $0.server) },
                tests: header.matrix.tests.map(\.name), exempt: Set(header.matrix.noAutoUnsupported))
        }
        let result = RunResult(
            protocolKind: header.matrix.protocolKind,
            runnerVersion: header.runnerVersion,
            start: header.start,
            end: end,
            seed: header.seed,
            logDir: logDir,
            servers: header.matrix.servers,
            clients: header.matrix.clients,
            implementations: header.implementations,
            programs: header.programs,
            tests: header.tests,
            measurements: header.measurements,
            jobs: sorted,
            incompleteReason: incompleteReason,
            traces: traces
        )
        return (result, notes)
    }

    /// The jobs of `planned` that should have run but are not among `finished`. The repetitions of a measurement
    /// after one that did not succeed are not missing: the series ends there.
    public static func notRun(_ planned: [JobID], finished: [JobResult]) -> [JobID] {
        let done = Set(finished.map(\.id))
        var stoppedAt: [JobID: Int] = [:]
        for job in finished where job.status != .succeeded {
            guard let repetition = job.id.repetition else { continue }
            let series = JobID(server: job.id.server, client: job.id.client, test: job.id.test)
            stoppedAt[series] = min(stoppedAt[series] ?? .max, repetition)
        }
        return planned.filter { id in
            guard !done.contains(id) else { return false }
            guard let repetition = id.repetition else { return true }
            return repetition < stoppedAt[JobID(server: id.server, client: id.client, test: id.test), default: .max]
        }
    }
}
