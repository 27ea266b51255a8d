public import Results

/// Runs a plan with at most `width` jobs at once; measurements run alone, after the test cases.
///
/// The bound is structural: a task group is seeded with `width` jobs and starts the next one each time a job ends
/// (as swift-nio's `ParallelDirCopy`). Cancelling the calling task starts no new job; running jobs see the
/// cancellation and tear down.
public struct JobPool: Sendable {
    public var width: Int

    /// Creates a pool; `width` is at least 1.
    public init(width: Int) {
        assert(width >= 1, "a pool needs room for one job")
        self.width = max(1, width)
    }

    /// Runs every job of `plan`; `record` sees each result as soon as its job ends.
    public func run(
        _ plan: Plan,
        executor: some JobExecutor,
        logDir: @escaping @Sendable (PlannedJob) -> String,
        record: @escaping @Sendable (JobResult) async -> Void
    ) async {
        await withTaskGroup(of: JobResult.self) { group in
            var pending = plan.tests.makeIterator()
            var running = 0
            func startNext() -> Bool {
                guard !Task.isCancelled, let job = pending.next() else { return false }
                group.addTask { await executor.run(job, logDir: logDir(job)) }
                running += 1
                return true
            }
            while running < width, startNext() {}
            while let finished = await group.next() {
                running -= 1
                await record(finished)
                _ = startNext()
            }
        }
        for series in plan.measurementSeries {
            for job in series {
                guard !Task.isCancelled else { return }
                let result = await executor.run(job, logDir: logDir(job))
                await record(result)
                if result.status != .succeeded { break }
            }
        }
    }
}
