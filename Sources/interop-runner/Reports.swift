import Batch
import Foundation
import Logging
import Reporters
import Results

/// Writes every report the configuration asks for, prints the matrix, and publishes to GitHub Actions when it runs
/// there.
func writeReports(_ result: RunResult, configuration: RunConfiguration, logger: Logger) throws {
    let output = configuration.output
    let style: TerminalReport.Style = configuration.markdown ? .markdown : .table
    print(TerminalReport.render(result, style: style, color: TerminalReport.shouldColor()))
    let destinations = ReportDestinations(
        resultJSON: output.json.map(URL.init(fileURLWithPath:)),
        junit: output.junit.map(URL.init(fileURLWithPath:)),
        html: output.html.map(URL.init(fileURLWithPath:)),
        markdown: output.markdown.map(URL.init(fileURLWithPath:)))
    try render(result, to: destinations)
    if let archive = output.archive {
        try LogArchive.create(from: URL(fileURLWithPath: output.logDir), to: URL(fileURLWithPath: archive))
    }
    let actions = GitHubActions()
    if actions.isActive {
        _ = try actions.publish(result, summary: MarkdownSummary.render(result)) { print($0) }
    }
    for path in [output.json, output.junit, output.html, output.markdown, output.archive].compactMap({ $0 }) {
        logger.info("wrote \(path)")
    }
}
