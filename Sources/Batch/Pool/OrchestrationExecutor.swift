public import Orchestration
public import Results

/// Runs the plan's jobs for real: each through Orchestration's job lifecycle in its own namespaces.
public struct OrchestrationExecutor: JobExecutor {
    public var runner: JobRunner
    /// Keep the files of failed jobs (upstream `-f`).
    public var saveFiles: Bool

    /// Creates an executor over a run's job runner.
    public init(runner: JobRunner, saveFiles: Bool) {
        self.runner = runner
        self.saveFiles = saveFiles
    }

    public func run(_ job: PlannedJob, logDir: String) async -> JobResult {
        await runner.run(
            JobRequest(
                id: job.id, test: job.test.test, timeout: job.test.timeout, server: job.server, client: job.client,
                seed: job.seed, logDir: logDir, saveFiles: saveFiles))
    }
}
