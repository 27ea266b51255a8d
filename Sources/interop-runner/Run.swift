import ArgumentParser
import Batch
import Foundation
import Logging
import Orchestration
import Results

/// `interop-runner [run]`: runs the matrix and writes the reports. Exit 0 passed, 1 failed, 2 error.
struct Run: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run the matrix (the default command; upstream run.py's flags work unchanged).")

    @OptionGroup var matrix: MatrixOptions

    @OptionGroup var flags: RunFlags

    /// The command line as Batch reads it.
    func runOptions() -> RunOptions {
        var options = matrix.runOptions()
        flags.apply(to: &options)
        return options
    }

    /// The run's configuration: spec, registries and flags resolved, every output checked; nothing is written.
    func resolve() throws -> RunConfiguration {
        try matrix.resolve(runOptions())
    }

    func run() async throws {
        let configuration = try resolve()
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = configuration.debug ? .debug : .info
            return InertLogHandler(wrapped: handler)
        }
        let logger = Logger(label: "interop-runner")
        let batch = BatchRun(configuration: configuration, runnerVersion: InteropRunner.version)
        // The machine is checked (root, helpers) before any output folder is made, so a refused run leaves nothing.
        let outcome = try await withRunEnvironment(images: batch.images, pull: batch.pullsMissingImages, logger: logger)
        { environment in
            try batch.prepareOutputs()
            return try await batch.run(in: environment, logger: logger)
        }
        for note in outcome.notes { print(note) }
        try writeReports(outcome.result, configuration: configuration, logger: logger)
        if let signal = outcome.interruptedBy {
            throw RunnerError(
                .interrupted, "interrupted by signal \(signal); finished jobs are in \(configuration.output.journal)")
        }
        if outcome.result.hasFailures { throw ExitCode(ExitStatus.failed) }
        if outcome.result.hasErrors { throw ExitCode(ExitStatus.usage) }
    }
}
