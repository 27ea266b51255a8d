import Batch
import Logging

/// The job executor for the configured runtime.
func makeExecutor(_ configuration: RunConfiguration, logger: Logger) throws -> any JobExecutor {
    throw RunnerError(.infrastructure, "no endpoint runtime is available in this build")
}
