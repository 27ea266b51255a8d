import Batch
import Foundation
import Logging
import Reporters
import Results

/// Where the files of a run or a merge go; `nil` means "not written".
struct ReportOutputs {
    var logDir: String
    var json: String?
    var junit: String?
    var html: String?
    var markdown: String?
    var archive: String?
    /// Print the matrix as Markdown instead of a table (`-m`).
    var markdownTable: Bool

    /// `diff.md` beside `summary.md`, as the output paths were given (relative paths stay relative).
    var diff: String? {
        markdown.map { (($0 as NSString).deletingLastPathComponent as NSString).appendingPathComponent("diff.md") }
    }

    /// The outputs a configuration asks for.
    init(_ configuration: RunConfiguration) {
        let output = configuration.output
        self.init(
            logDir: output.logDir, json: output.json, junit: output.junit, html: output.html,
            markdown: output.markdown, archive: output.archive, markdownTable: configuration.markdown)
    }

    /// Every output under `folder` by its usual name, the log tree in `logDir`.
    init(folder: String, logDir: String, markdownTable: Bool) {
        func inFolder(_ name: String) -> String { (folder as NSString).appendingPathComponent(name) }
        self.init(
            logDir: logDir, json: inFolder("result.json"), junit: inFolder("junit.xml"), html: inFolder("index.html"),
            markdown: inFolder("summary.md"), archive: inFolder("logs.zip"), markdownTable: markdownTable)
    }

    private init(
        logDir: String, json: String?, junit: String?, html: String?, markdown: String?, archive: String?,
        markdownTable: Bool
    ) {
        self.logDir = logDir
        self.json = json
        self.junit = junit
        self.html = html
        self.markdown = markdown
        self.archive = archive
        self.markdownTable = markdownTable
    }
}

/// Writes every report the configuration asks for (see ``writeReports(_:to:context:resumeToken:logger:)``).
@discardableResult
func writeReports(
    _ result: RunResult, configuration: RunConfiguration, context: ReportContext = .none, resumeToken: String? = nil,
    logger: Logger
) throws(RunnerError) -> RunResult {
    try writeReports(
        result, to: ReportOutputs(configuration), context: context, resumeToken: resumeToken, logger: logger)
}

/// Writes the archive of the log tree first (the reports give its size), then every report (with `diff.md` beside
/// `summary.md` when there is a baseline); prints the matrix, and publishes to GitHub Actions when it runs there
/// (`resumeToken` from `stopCommands`). Returns the result as the reports show it. A report that cannot be written
/// does not stop the others; the failures are thrown together at the end.
@discardableResult
func writeReports(
    _ result: RunResult, to outputs: ReportOutputs, context: ReportContext = .none, resumeToken: String? = nil,
    logger: Logger
) throws(RunnerError) -> RunResult {
    var result = result
    var failures: [String] = []
    if let archive = outputs.archive {
        let clock = ContinuousClock()
        let began = clock.now
        do {
            let entries = try LogArchive.create(
                from: URL(fileURLWithPath: outputs.logDir), to: URL(fileURLWithPath: archive))
            let summary = ArchiveSummary(
                path: archive, bytes: try LogArchive.size(of: URL(fileURLWithPath: archive)))
            result.archive = summary
            let elapsed = clock.now - began
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
            logger.info(
                "wrote \(archive): \(entries.count) entries, \(summary.readableSize), in \(String(format: "%.1f", seconds)) s"
            )
        } catch {
            failures.append(error.message)
        }
    }
    print(
        TerminalReport.render(
            result, style: outputs.markdownTable ? .markdown : .table, color: TerminalReport.shouldColor()))
    let diff = context.diff == nil ? nil : outputs.diff
    let destinations = ReportDestinations(
        resultJSON: outputs.json.map(URL.init(fileURLWithPath:)),
        junit: outputs.junit.map(URL.init(fileURLWithPath:)),
        html: outputs.html.map(URL.init(fileURLWithPath:)),
        markdown: outputs.markdown.map(URL.init(fileURLWithPath:)),
        diff: diff.map(URL.init(fileURLWithPath:)))
    do {
        try render(result, to: destinations, context: context)
    } catch {
        failures.append(error.message)
    }
    do {
        try publishToActions(
            result, context: context,
            files: [
                ("result-json", outputs.json), ("junit", outputs.junit), ("html", outputs.html),
                ("markdown", outputs.markdown), ("diff", diff), ("archive", outputs.archive),
                ("log-dir", outputs.logDir),
            ], resumeToken: resumeToken)
    } catch {
        failures.append("\(error)")
    }
    guard failures.isEmpty else { throw RunnerError(.unwritableOutput, failures.joined(separator: "; ")) }
    for path in [outputs.json, outputs.junit, outputs.html, outputs.markdown, diff].compactMap({ $0 }) {
        logger.info("wrote \(path)")
    }
    return result
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
