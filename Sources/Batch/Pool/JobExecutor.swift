public import Results

/// Runs one job to its verdict. A failing interop test is a returned status, never a thrown error.
///
/// Implementations must tear down everything they started before returning, also when the task is cancelled,
/// and return promptly after cancellation (with status `error` and a reason saying so).
public protocol JobExecutor: Sendable {
    /// Runs `job`, writing its logs under `logDir` (the job's own folder in the log tree).
    func run(_ job: PlannedJob, logDir: String) async -> JobResult
}
