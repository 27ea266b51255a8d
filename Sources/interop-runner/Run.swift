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

    @Option(
        name: .long,
        help: ArgumentHelp(
            "The most jobs at once (default: 16 per core as memory allows; the pool widens while the CPUs have "
                + "headroom); measurements always run alone."))
    var jobs: Int?

    @Option(name: .customLong("output-dir"), help: "Write every report and the log tree under this folder.")
    var outputDir: String?

    @Option(name: .long, help: "Seed of the simulator's impairments (recorded in the results).")
    var seed: UInt64?

    @OptionGroup var scale: ScaleOptions

    func validate() throws {
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1, got \(jobs)") }
        if let resume = scale.resume, let outputDir, resume != outputDir {
            throw ValidationError("--resume \(resume) continues that folder's run; leave out --output-dir \(outputDir)")
        }
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
        scale.apply(to: &options)
        return options
    }

    func run() async throws {
        let started = ContinuousClock.now
        // A resumed run keeps the seed of the run it continues when neither the command line nor the spec gives one
        // (a seed given and different is named by the journal's check). A journal that cannot be read is reported
        // when the run reads it for real.
        let journalSeed = scale.resume.flatMap {
            try? Journal.load(path: ($0 as NSString).appendingPathComponent("journal.jsonl")).header.seed
        }
        let configuration = try matrix.resolve(runOptions(), seedWhenNoneGiven: journalSeed)
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = configuration.debug ? .debug : .info
            return handler
        }
        let logger = Logger(label: "interop-runner")
        let batch = BatchRun(configuration: configuration, runnerVersion: InteropRunner.version, started: started)
        // A journal of another run is refused before anything runs.
        _ = try batch.resumePoint()
        try ShardRun.check(configuration)
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
        let result = try writeReports(outcome.result, configuration: configuration, logger: logger)
        try RunEnding.finish(result, interruptedBy: outcome.interruptedBy, journal: configuration.output.journal)
    }
}
