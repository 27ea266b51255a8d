import ArgumentParser
import Batch
import Foundation
import Reporters
import Results

/// `interop-runner report --from result.json [--output-dir DIR] [--baseline old.json] [--policy FILE] [--fail-on …]`:
/// renders every report again from a saved result, and gates on it as the run would have (exit 0, 1 or 2).
struct Report: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract:
            "Render result.json, junit.xml, index.html, summary.md (and diff.md) again from a saved result.json, "
            + "and exit as --fail-on says.")

    @Option(help: "A result.json written by this runner (or upstream's).")
    var from: String

    @Option(name: .customLong("output-dir"), help: "Where to write the reports (none are written without it).")
    var outputDir: String?

    @Flag(name: [.customShort("m"), .customLong("markdown")], help: "Print the matrix as Markdown.")
    var markdown = false

    @OptionGroup var gating: GatingOptions

    func validate() throws {
        if outputDir?.isEmpty == true { throw ValidationError("--output-dir must not be empty") }
    }

    /// The saved result, once the output folder (when given) is known to be writable: nothing is written when either
    /// fails.
    func load() throws -> RunResult {
        if let outputDir {
            let target = OutputTarget(
                Located(outputDir, file: "command line", path: "--output-dir"), .folder, role: "the output folder")
            let problems = OutputTarget.problems([target])
            if !problems.isEmpty { throw SpecProblems(problems) }
        }
        return try loadRunResult(from: URL(fileURLWithPath: from))
    }

    func run() async throws {
        let result = try load()
        let policy = try gating.loadPolicy(for: result)
        let baseline = try gating.loadBaseline()
        let resumeToken = GitHubActions().stopCommands { print($0) }
        let context = ReportContext(result, baseline: baseline, policy: policy)
        var files: [(String, String?)] = []
        if let outputDir {
            let written = try renderAll(result, to: URL(fileURLWithPath: outputDir), context: context)
            files = [
                ("result-json", written.resultJSON.path), ("junit", written.junit.path), ("html", written.html.path),
                ("markdown", written.markdown.path), ("diff", written.diff?.path),
            ]
        }
        print(TerminalReport.render(result, style: markdown ? .markdown : .table, color: TerminalReport.shouldColor()))
        try publishToActions(result, context: context, files: files, resumeToken: resumeToken)
        try gating.gate(result, context: context)
    }
}
