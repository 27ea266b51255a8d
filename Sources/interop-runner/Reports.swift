import Batch
import Foundation
import Logging
import Reporters
import Results

/// Writes every report the configuration asks for (with `diff.md` beside `summary.md` when there is a baseline),
/// prints the matrix, and publishes to GitHub Actions when it runs there (`resumeToken` from `stopCommands`).
func writeReports(
    _ result: RunResult, configuration: RunConfiguration, context: ReportContext = .none, resumeToken: String? = nil,
    logger: Logger
) throws {
    let output = configuration.output
    let style: TerminalReport.Style = configuration.markdown ? .markdown : .table
    print(TerminalReport.render(result, style: style, color: TerminalReport.shouldColor()))
    let destinations = ReportDestinations(
        resultJSON: output.json.map(URL.init(fileURLWithPath:)),
        junit: output.junit.map(URL.init(fileURLWithPath:)),
        html: output.html.map(URL.init(fileURLWithPath:)),
        markdown: output.markdown.map(URL.init(fileURLWithPath:)),
        diff: diffPath(output).map(URL.init(fileURLWithPath:)))
    try render(result, to: destinations, context: context)
    if let archive = output.archive {
        try LogArchive.create(from: URL(fileURLWithPath: output.logDir), to: URL(fileURLWithPath: archive))
    }
    let diff = context.diff == nil ? nil : diffPath(output)
    try publishToActions(
        result, context: context,
        files: [
            ("result-json", output.json), ("junit", output.junit), ("html", output.html),
            ("markdown", output.markdown), ("diff", diff), ("archive", output.archive), ("log-dir", output.logDir),
        ], resumeToken: resumeToken)
    for path in [output.json, output.junit, output.html, output.markdown, diff, output.archive].compactMap({ $0 }) {
        logger.info("wrote \(path)")
    }
}

/// Inside a GitHub Actions job: appends the summary to the step summary, sets the step outputs (the report files,
/// the count of each status, the regressions against the baseline) and emits the annotations.
func publishToActions(
    _ result: RunResult, context: ReportContext, files: [(String, String?)], resumeToken: String?
) throws {
    let actions = GitHubActions()
    guard actions.isActive else { return }
    let outputs =
        files.map { ($0.0, $0.1 ?? "") } + GitHubActions.counts(result)
        + [("regressions", context.diff.map { String($0.regressions.count) } ?? "")]
    try actions.publish(
        result, summary: MarkdownSummary.render(result, context: context), context: context, outputs: outputs,
        resumeToken: resumeToken
    ) { print($0) }
}

/// `diff.md` beside `summary.md`, as the output paths were given (relative paths stay relative).
private func diffPath(_ output: RunConfiguration.Output) -> String? {
    output.markdown.map { (($0 as NSString).deletingLastPathComponent as NSString).appendingPathComponent("diff.md") }
}
