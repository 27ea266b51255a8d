import Foundation
public import Orchestration
public import Results

/// Runs the plan's jobs for real: each through Orchestration's job lifecycle in its own namespaces.
public struct OrchestrationExecutor: JobExecutor {
    public var runner: JobRunner
    /// Keep the files of failed jobs (upstream `-f`).
    public var saveFiles: Bool
    /// What starts each implementation (the configuration's `programs`).
    public var programs: [String: EndpointProgram]

    /// Creates an executor over a run's job runner.
    public init(runner: JobRunner, saveFiles: Bool, programs: [String: EndpointProgram]) {
        self.runner = runner
        self.saveFiles = saveFiles
        self.programs = programs
    }

    public func run(_ job: PlannedJob, logDir: String) async -> JobResult {
        guard let serverProgram = programs[job.server.name], let clientProgram = programs[job.client.name] else {
            return JobResult(
                id: job.id, status: .error, reason: "no program resolved for \(job.server.name) or \(job.client.name)",
                start: Date(), duration: 0, seed: job.seed)
        }
        return await runner.run(
            JobRequest(
                id: job.id, test: job.test.test, timeout: job.test.timeout, server: job.server, client: job.client,
                serverProgram: serverProgram, clientProgram: clientProgram, seed: job.seed, logDir: logDir,
                saveFiles: saveFiles))
    }
}
