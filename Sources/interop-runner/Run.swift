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

    @OptionGroup var gating: GatingOptions

    @Option(name: [.customShort("l"), .customLong("log-dir")], help: "Log directory (must not exist).")
    var logDir: String?

    @Option(
        name: [.customShort("f"), .customLong("save-files")],
        help: "Keep the files of failed jobs (as upstream, takes a value; 0/false/no turn it off).")
    var saveFiles: String?

    @Option(name: [.customShort("j"), .customLong("json")], help: "Write upstream's result.json to this file.")
    var json: String?

    @Flag(name: [.customShort("m"), .customLong("markdown")], help: "Print the matrix as Markdown.")
    var markdown = false

    @Flag(name: [.customShort("d"), .customLong("debug")], help: "Debug logging.")
    var debug = false

    @Option(name: .long, help: "Jobs run at once (default: number of cores); measurements always run alone.")
    var jobs: Int?

    @Option(name: .customLong("output-dir"), help: "Write every report and the log tree under this folder.")
    var outputDir: String?

    @Option(name: .long, help: "Seed of the simulator's impairments (recorded in the results).")
    var seed: UInt64?

    func validate() throws {
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1, got \(jobs)") }
        for (flag, value) in [("-l/--log-dir", logDir), ("-j/--json", json), ("--output-dir", outputDir)] {
            if value?.isEmpty == true { throw ValidationError("\(flag) must not be empty") }
        }
    }

    /// The command line as Batch reads it.
    func runOptions() -> RunOptions {
        var options = matrix.runOptions()
        options.logDir = logDir
        options.saveFiles = saveFiles.map { !["0", "false", "no", "off"].contains($0.lowercased()) }
        options.json = json
        options.markdown = markdown
        options.debug = debug
        options.jobs = jobs
        options.outputDir = outputDir
        options.seed = seed
        return options
    }

    func run() async throws {
        let configuration = try matrix.resolve(runOptions())
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = configuration.debug ? .debug : .info
            return handler
        }
        let logger = Logger(label: "interop-runner")
        // Both read before anything runs: a bad policy or baseline is a usage error that runs nothing.
        let policy = try gating.loadPolicy(names: configuration.policyNames)
        let baseline = try gating.loadBaseline()
        let resumeToken = GitHubActions().stopCommands { print($0) }
        let batch = BatchRun(configuration: configuration, runnerVersion: InteropRunner.version)
        // The machine is checked (root, helpers) before any output folder is made, so a refused run leaves nothing.
        let outcome = try await withRunEnvironment(images: batch.images, pull: batch.pullsMissingImages, logger: logger)
        { environment in
            try batch.prepareOutputs()
            return try await batch.run(in: environment, logger: logger)
        }
        for note in outcome.notes { print(note) }
        let context = ReportContext(outcome.result, baseline: baseline, policy: policy)
        try writeReports(
            outcome.result, configuration: configuration, context: context, resumeToken: resumeToken, logger: logger)
        if let signal = outcome.interruptedBy {
            throw RunnerError(
                .interrupted, "interrupted by signal \(signal); finished jobs are in \(configuration.output.journal)")
        }
        try gating.gate(outcome.result, context: context)
    }
}
