import ArgumentParser
import Foundation
import Reporters

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

    func run() async throws {
        let result = try loadRunResult(from: URL(fileURLWithPath: from))
        try renderAll(result, to: URL(fileURLWithPath: outputDir))
        print(TerminalReport.render(result, style: markdown ? .markdown : .table, color: TerminalReport.shouldColor()))
    }
}
