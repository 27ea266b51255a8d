import ArgumentParser
import Batch
import Foundation
import Reporters
import Results

/// A run of one shard (`--shard K/N`): it writes its journal, `shard.json` and its log tree into its output folder;
/// the reports come from `interop-runner merge` over every shard's folder, where auto-unsupported sees the whole
/// matrix.
enum ShardRun {
    /// Checks a shard keeps everything `merge` reads in one folder: an output folder with the log tree in `logs/`.
    ///
    /// - Throws: `RunnerError` (`badInput`) when it would not.
    static func check(_ configuration: RunConfiguration) throws(RunnerError) {
        guard let shard = configuration.shard else { return }
        guard let dir = configuration.output.dir else {
            throw RunnerError(
                .badInput, "--shard \(shard) needs --output-dir (or output.dir): merge reads the shard's folder")
        }
        let expected = (dir as NSString).appendingPathComponent("logs")
        guard (configuration.output.logDir as NSString).standardizingPath == (expected as NSString).standardizingPath
        else {
            throw RunnerError(
                .badInput,
                "--shard \(shard) keeps its log tree in \(expected), where merge reads it; leave out -l/--log-dir")
        }
    }

    /// Prints the shard's own results and how to merge, and ends with 0 when every job of the shard ran (its
    /// verdicts are the merge's), 2 when some did not or one hit a runner error.
    static func finish(_ outcome: BatchRun.Outcome, configuration: RunConfiguration) throws {
        guard let shard = configuration.shard else { return }
        let result = outcome.result
        print(
            TerminalReport.render(
                result, style: configuration.markdown ? .markdown : .table, color: TerminalReport.shouldColor()))
        let ran = outcome.planned - outcome.notRun
        print(
            "shard \(shard): \(ran) of its \(outcome.planned) jobs ran; "
                + "combine the shards with: interop-runner merge <each shard's folder> --output-dir <folder>")
        if let signal = outcome.interruptedBy {
            throw RunnerError(
                .interrupted,
                "interrupted by signal \(signal); continue with --resume \(configuration.output.dir ?? "")")
        }
        if let reason = result.incompleteReason { throw RunnerError(.incomplete, "the shard is incomplete: \(reason)") }
        if result.hasErrors { throw ExitCode(ExitStatus.usage) }
    }
}
