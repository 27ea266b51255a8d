import Batch
import Foundation
import Logging
import Reporters
import Results

/// Writes every report the configuration asks for, prints the matrix, and publishes to GitHub Actions when it runs
/// there. A report that cannot be written does not stop the others; the failures are thrown together at the end.
func writeReports(_ result: RunResult, configuration: RunConfiguration, logger: Logger) throws(RunnerError) {
    let output = configuration.output
    let style: TerminalReport.Style = configuration.markdown ? .markdown : .table
    print(TerminalReport.render(result, style: style, color: TerminalReport.shouldColor()))
    let destinations = ReportDestinations(
        resultJSON: output.json.map(URL.init(fileURLWithPath:)),
        junit: output.junit.map(URL.init(fileURLWithPath:)),
        html: output.html.map(URL.init(fileURLWithPath:)),
        markdown: output.markdown.map(URL.init(fileURLWithPath:)))
    var failures: [String] = []
    do {
        try render(result, to: destinations)
    } catch {
        failures.append(error.message)
    }
    if let archive = output.archive {
        do {
            try LogArchive.create(from: URL(fileURLWithPath: output.logDir), to: URL(fileURLWithPath: archive))
        } catch {
            failures.append(error.message)
        }
    }
    let actions = GitHubActions()
    if actions.isActive {
        do {
            _ = try actions.publish(result, summary: MarkdownSummary.render(result)) { print($0) }
        } catch {
            failures.append(error.message)
        }
    }
    guard failures.isEmpty else { throw RunnerError(.unwritableOutput, failures.joined(separator: "; ")) }
    for path in [output.json, output.junit, output.html, output.markdown, output.archive].compactMap({ $0 }) {
        logger.info("wrote \(path)")
    }
}
