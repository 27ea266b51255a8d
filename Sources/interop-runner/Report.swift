import ArgumentParser
import Batch
import Foundation
import Reporters
import Results

/// `interop-runner report --from result.json --output-dir DIR`: renders every report again from a saved result.
struct Report: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Render result.json, junit.xml, index.html and summary.md again from a saved result.json.")

    @Option(help: "A result.json written by this runner (or upstream's).")
    var from: String

    @Option(name: .customLong("output-dir"), help: "Where to write the reports.")
    var outputDir: String

    @Flag(name: [.customShort("m"), .customLong("markdown")], help: "Print the matrix as Markdown.")
    var markdown = false

    /// The saved result, once the output folder is known to be writable: nothing is written when either fails.
    func load() throws -> RunResult {
        let target = OutputTarget(
            Located(outputDir, file: "command line", path: "--output-dir"), .folder, role: "the output folder")
        let problems = OutputTarget.problems([target])
        if !problems.isEmpty { throw SpecProblems(problems) }
        return try loadRunResult(from: URL(fileURLWithPath: from))
    }

    func run() async throws {
        let result = try load()
        try renderAll(result, to: URL(fileURLWithPath: outputDir))
        print(TerminalReport.render(result, style: markdown ? .markdown : .table, color: TerminalReport.shouldColor()))
    }
}
