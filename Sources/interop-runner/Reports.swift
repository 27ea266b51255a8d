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

/// Writes every report the configuration asks for (see ``writeReports(_:to:logger:)``).
@discardableResult
func writeReports(_ result: RunResult, configuration: RunConfiguration, logger: Logger) throws(RunnerError) -> RunResult {
    try writeReports(result, to: ReportOutputs(configuration), logger: logger)
}

/// Writes the archive of the log tree first (the reports give its size), then every report; prints the matrix, and
/// publishes to GitHub Actions when it runs there. Returns the result as the reports show it. A report that cannot be
/// written does not stop the others; the failures are thrown together at the end.
@discardableResult
func writeReports(_ result: RunResult, to outputs: ReportOutputs, logger: Logger) throws(RunnerError) -> RunResult {
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
    let destinations = ReportDestinations(
        resultJSON: outputs.json.map(URL.init(fileURLWithPath:)),
        junit: outputs.junit.map(URL.init(fileURLWithPath:)),
        html: outputs.html.map(URL.init(fileURLWithPath:)),
        markdown: outputs.markdown.map(URL.init(fileURLWithPath:)))
    do {
        try render(result, to: destinations)
    } catch {
        failures.append(error.message)
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
    for path in [outputs.json, outputs.junit, outputs.html, outputs.markdown].compactMap({ $0 }) {
        logger.info("wrote \(path)")
    }
    return result
}
