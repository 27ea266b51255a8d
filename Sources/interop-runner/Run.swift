import ArgumentParser
import Batch
import Foundation
import Logging
import Orchestration
import Reporters
import Results

/// `interop-runner [run]`: runs the matrix and writes the reports. Exit 0 passed, 1 failed, 2 error.
struct Run: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run the matrix (the default command; upstream run.py's flags work unchanged).")

    @OptionGroup var matrix: MatrixOptions

    @OptionGroup var flags: RunFlags

    @OptionGroup var gating: GatingOptions

    @OptionGroup var scale: ScaleOptions

    func validate() throws {
        if let resume = scale.resume, let outputDir = flags.outputDir, resume != outputDir {
            throw ValidationError("--resume \(resume) continues that folder's run; leave out --output-dir \(outputDir)")
        }
    }

    /// The command line as Batch reads it.
    func runOptions() -> RunOptions {
        var options = matrix.runOptions()
        flags.apply(to: &options)
        scale.apply(to: &options)
        return options
    }

    /// The run's configuration: spec, registries and flags resolved, every output checked; nothing is written.
    func resolve() throws -> RunConfiguration {
        // A resumed run keeps the seed of the run it continues when neither the command line nor the spec gives one
        // (a seed given and different is named by the journal's check). A journal that cannot be read is reported
        // when the run reads it for real.
        let journalSeed = scale.resume.flatMap {
            try? Journal.load(path: ($0 as NSString).appendingPathComponent("journal.jsonl")).header.seed
        }
        return try matrix.resolve(runOptions(), seedWhenNoneGiven: journalSeed)
    }

    func run() async throws {
        let started = ContinuousClock.now
        let configuration = try resolve()
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = configuration.debug ? .debug : .info
            return InertLogHandler(wrapped: handler)
        }
        let logger = Logger(label: "interop-runner")
        // Both read before anything runs: a bad policy or baseline is a usage error that runs nothing.
        let policy = try gating.loadPolicy(names: configuration.policyNames)
        let baseline = try gating.loadBaseline()
        let batch = BatchRun(configuration: configuration, runnerVersion: InteropRunner.version, started: started)
        // A journal of another run is refused before anything runs.
        _ = try batch.resumePoint()
        try ShardRun.check(configuration)
        let resumeToken = GitHubActions().stopCommands { print($0) }
        // The machine is checked (root, helpers) before any output folder is made, so a refused run leaves nothing.
        let outcome = try await withRunEnvironment(images: batch.images, pull: batch.pullsMissingImages, logger: logger)
        { environment in
            try batch.prepareOutputs()
            return try await batch.run(in: environment, logger: logger)
        }
        if configuration.shard != nil {
            try ShardRun.finish(outcome, configuration: configuration)
            return
        }
        for note in outcome.notes { print(note) }
        let context = ReportContext(outcome.result, baseline: baseline, policy: policy)
        let result = try writeReports(
            outcome.result, configuration: configuration, context: context, resumeToken: resumeToken, logger: logger)
        try RunEnding.finish(
            result, interruptedBy: outcome.interruptedBy, journal: configuration.output.journal, gating: gating,
            context: context)
    }
}
