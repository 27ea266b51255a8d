public import Logging
public import Orchestration
import Results

extension BatchRun {
    /// The Docker images the run starts, for ``withRunEnvironment(images:pull:logger:_:)`` to resolve before any job.
    public var images: Set<String> {
        Set(configuration.programs.values.filter { $0.runtime == .docker }.map(\.reference))
    }

    /// Whether the run pulls a missing image.
    public var pullsMissingImages: Bool { configuration.pull == .missing }

    /// Runs every job for real in `environment` (each through Orchestration's job lifecycle in its own namespaces),
    /// recording what started each implementation, with the image IDs the environment resolved, and the sandbox
    /// limits of the configuration.
    ///
    /// - Throws: `RunnerError` when the journal cannot be written.
    public func run(in environment: RunEnvironment, logger: Logger) async throws(RunnerError) -> Outcome {
        var environment = environment
        environment.sandbox.limits = configuration.limits
        let programs = configuration.programs.mapValues(environment.resolved)
        let executor = OrchestrationExecutor(
            runner: JobRunner(environment: environment, logger: logger), saveFiles: configuration.saveFiles,
            programs: programs)
        return try await run(executor: executor, programs: programs, logger: logger)
    }
}
