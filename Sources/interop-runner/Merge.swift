import ArgumentParser
import Batch
import Foundation
import Logging
import Reporters
import Results

/// `interop-runner merge DIR... --output-dir OUT`: one set of reports from the output folders of a matrix's shards
/// (`--shard K/N`), as a single run of the matrix with the same job results would have written them.
struct Merge: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract:
            "Combine the output folders of a matrix's shards into one set of reports (exit 0 passed, 1 failed, 2 error or incomplete)."
    )

    @Argument(help: "The output folder of every shard (each holds shard.json, journal.jsonl and logs/).")
    var folders: [String]

    @Option(name: .customLong("output-dir"), help: "Where the merged reports, journal and log tree go.")
    var outputDir: String

    @Flag(name: [.customShort("m"), .customLong("markdown")], help: "Print the matrix as Markdown.")
    var markdown = false

    @OptionGroup var gating: GatingOptions

    func validate() throws {
        if folders.isEmpty { throw ValidationError("give the output folder of every shard") }
        if outputDir.isEmpty { throw ValidationError("--output-dir must not be empty") }
    }

    func run() async throws {
        LoggingSystem.bootstrap { StreamLogHandler.standardError(label: $0) }
        let logger = Logger(label: "interop-runner")
        // Every shard, the policy and the baseline are read and checked before anything is written.
        let merge = try ShardMerge(folders: folders)
        let logDir = (outputDir as NSString).appendingPathComponent("logs")
        let (result, notes) = merge.result(logDir: logDir)
        let policy = try gating.loadPolicy(for: result)
        let baseline = try gating.loadBaseline()
        for warning in merge.warnings { printError("warning: \(warning)") }
        try merge.combineLogs(into: logDir)
        let journal = (outputDir as NSString).appendingPathComponent("journal.jsonl")
        try merge.writeJournal(to: journal)
        for note in notes { print(note) }
        let context = ReportContext(result, baseline: baseline, policy: policy)
        let resumeToken = GitHubActions().stopCommands { print($0) }
        let written = try writeReports(
            result, to: ReportOutputs(folder: outputDir, logDir: logDir, markdownTable: markdown), context: context,
            resumeToken: resumeToken, logger: logger)
        try RunEnding.finish(written, interruptedBy: nil, journal: journal, gating: gating, context: context)
    }
}
