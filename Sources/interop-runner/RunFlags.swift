import ArgumentParser
import Batch

/// The options of a run beyond the matrix (where its output goes, the pool, the seed), shared by `run` and
/// `validate`, so `validate` checks exactly what the same `run` would write.
struct RunFlags: ParsableArguments {
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
            "The most jobs at once, 1 to 1024 (default: 24 per core as memory allows; the pool widens while the "
                + "CPUs have headroom); measurements always run alone."))
    var jobs: Int?

    @Option(name: .customLong("output-dir"), help: "Write every report and the log tree under this folder.")
    var outputDir: String?

    @Option(name: .long, help: "Seed of the simulator's impairments (recorded in the results).")
    var seed: UInt64?

    func validate() throws {
        if let jobs, !RunOptions.jobsRange.contains(jobs) {
            throw ValidationError(
                "--jobs must be from \(RunOptions.jobsRange.lowerBound) to \(RunOptions.jobsRange.upperBound), "
                    + "got \(jobs)")
        }
        for (flag, value) in [("-l/--log-dir", logDir), ("-j/--json", json), ("--output-dir", outputDir)] {
            if value?.isEmpty == true { throw ValidationError("\(flag) must not be empty") }
        }
    }

    /// Adds these flags to the options read from the matrix flags.
    func apply(to options: inout RunOptions) {
        options.logDir = logDir
        options.saveFiles = saveFiles.map { !["0", "false", "no", "off"].contains($0.lowercased()) }
        options.json = json
        options.markdown = markdown
        options.debug = debug
        options.jobs = jobs
        options.outputDir = outputDir
        options.seed = seed
    }
}
