import ArgumentParser
import Batch
import Results

/// The options that make a run fit a CI system: shards, retries, a deadline, resuming, and how much of the log
/// tree to keep.
struct ScaleOptions: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            "Run a job that failed or timed out again, up to N times (0 to 10; default 0); one that then succeeds "
                + "counts as succeeded and is marked flaky.", valueName: "N"))
    var retries: Int?

    @Option(
        help: ArgumentHelp(
            "Start no job that could end later than this after the start (90s, 45m, 1h30m); the reports are "
                + "written and the exit code is 2 when jobs did not run.", valueName: "duration"))
    var deadline: DeadlineArgument?

    @Option(
        help: ArgumentHelp(
            "Run part K of N of the matrix (e.g. 2/4), balanced by expected time; combine the parts with "
                + "`interop-runner merge`.", valueName: "K/N"))
    var shard: ShardSelector?

    @Option(
        name: .customLong("keep-traces"),
        help: ArgumentHelp(
            "Which jobs keep their pcaps, qlogs and key logs: failed (default; jobs that did not succeed), all or "
                + "none.", valueName: "failed|all|none"))
    var keepTraces: TracePolicy?

    @Option(
        help: ArgumentHelp(
            "Continue the interrupted run whose output folder is DIR: finished jobs keep their results, the others "
                + "run.", valueName: "DIR"))
    var resume: String?

    func validate() throws {
        if let retries, !MatrixSpec.retriesRange.contains(retries) {
            throw ValidationError(
                "--retries must be from \(MatrixSpec.retriesRange.lowerBound) to \(MatrixSpec.retriesRange.upperBound), "
                    + "got \(retries)")
        }
        if resume?.isEmpty == true { throw ValidationError("--resume must not be empty") }
    }

    /// Adds these options to those read from the other flags.
    func apply(to options: inout RunOptions) {
        options.retries = retries
        options.deadline = deadline?.duration
        options.shard = shard
        options.keepTraces = keepTraces
        options.resume = resume
    }
}

/// A `--deadline` value: `90s`, `45m`, `1h30m`.
struct DeadlineArgument: ExpressibleByArgument {
    var duration: Duration

    init?(argument: String) {
        guard let duration = DurationText.parse(argument) else { return nil }
        self.duration = duration
    }
}
