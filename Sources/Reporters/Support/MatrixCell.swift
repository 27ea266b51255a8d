public import Results

/// One cell of a run's matrix: a server, a client and a test case or measurement, with its final status.
///
/// The unit the baseline diff, the policy and the results site compare across runs: cells are matched by names,
/// never by position, so runs with other implementations or tests still compare.
public struct MatrixCell: Sendable, Hashable {
    public var server: String
    public var client: String
    public var test: TestDescriptor
    /// The final status (a measurement's summary status), or `nil` when the cell did not run.
    public var status: JobStatus?
    /// The job that explains the status: the test's job, or a measurement's first repetition that did not succeed.
    public var job: JobResult?
    /// Whether the cell failed and then succeeded within the run (the journal holds an earlier failing record).
    public var isFlaky: Bool

    /// The cell's key across runs.
    public var key: Key { Key(server: server, client: client, test: test.name) }

    /// Names a cell across runs.
    public struct Key: Sendable, Hashable, Comparable {
        public var server: String
        public var client: String
        public var test: String

        public static func < (lhs: Key, rhs: Key) -> Bool {
            (lhs.server, lhs.client, lhs.test) < (rhs.server, rhs.client, rhs.test)
        }
    }

    /// Every cell of `run` in upstream's order: clients, then servers, then test cases and measurements.
    public static func cells(of run: RunResult) -> [MatrixCell] { cells(RunIndex(run)) }

    /// Every cell of an indexed run, as `cells(of:)`.
    static func cells(_ index: RunIndex) -> [MatrixCell] {
        let run = index.run
        // A job recorded more than once (a retry) whose last record succeeded after a failing one is flaky.
        var earlierFailure: Set<JobID> = []
        for job in run.jobs where job.status.isFailure { earlierFailure.insert(job.id) }
        var out: [MatrixCell] = []
        out.reserveCapacity(index.pairs.count * (run.tests.count + run.measurements.count))
        for (ci, sj) in index.pairs {
            let server = run.servers[sj]
            let client = run.clients[ci]
            for (ti, test) in run.tests.enumerated() {
                let job = index.test(client: ci, server: sj, test: ti)
                out.append(
                    MatrixCell(
                        server: server, client: client, test: test, status: job?.status, job: job,
                        isFlaky: job.map { $0.status == .succeeded && earlierFailure.contains($0.id) } ?? false))
            }
            for (mi, measurement) in run.measurements.enumerated() {
                let repetitions = index.repetitions(client: ci, server: sj, measurement: mi)
                let summary = index.summary(client: ci, server: sj, measurement: mi)
                out.append(
                    MatrixCell(
                        server: server, client: client, test: measurement, status: summary?.status,
                        job: repetitions.first { $0.status != .succeeded } ?? repetitions.first,
                        isFlaky: summary?.status == .succeeded
                            && repetitions.contains { earlierFailure.contains($0.id) }
                    ))
            }
        }
        return out
    }
}
