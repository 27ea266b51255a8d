import Batch
import Logging
import Results

/// Writes every report the configuration asks for.
func writeReports(_ result: RunResult, configuration: RunConfiguration, logger: Logger) throws {
}
