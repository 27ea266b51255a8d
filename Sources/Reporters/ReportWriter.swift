public import Foundation
public import Results

/// Where `renderAll` wrote each report.
public struct ReportFiles: Sendable, Hashable {
    /// Upstream-compatible `result.json`.
    public var resultJSON: URL
    /// `junit.xml`.
    public var junit: URL
    /// The one-file HTML report, `index.html`.
    public var html: URL
    /// The Markdown summary, `summary.md`.
    public var markdown: URL
}

/// Writes every file report of `run` into `directory` (created if needed): `result.json`, `junit.xml`,
/// `index.html` and `summary.md`. Links into the log tree are relative from `directory` to `run.logDir` (a
/// relative `logDir` is taken from the current directory, as the runner was given it).
@discardableResult
public func renderAll(
    _ run: RunResult,
    to directory: URL,
    resultStyle: UpstreamResultJSON.Style = .compatible
) throws(ReportError) -> ReportFiles {
    let manager = FileManager.default
    do {
        try manager.createDirectory(at: directory, withIntermediateDirectories: true)
    } catch {
        throw ReportError(.io, "cannot create \(directory.path): \(error)")
    }
    let base = relativePath(from: directory, to: URL(fileURLWithPath: run.logDir))
    let files = ReportFiles(
        resultJSON: directory.appendingPathComponent("result.json"),
        junit: directory.appendingPathComponent("junit.xml"),
        html: directory.appendingPathComponent("index.html"),
        markdown: directory.appendingPathComponent("summary.md")
    )
    try write(UpstreamResultJSON.render(run, style: resultStyle), to: files.resultJSON)
    try write(JUnitReport.render(run, logBase: base), to: files.junit)
    try write(Array(HTMLReport.render(run, logBase: base).utf8), to: files.html)
    try write(Array(MarkdownSummary.render(run).utf8), to: files.markdown)
    return files
}

/// The path from folder `from` to `to` (`""` when equal, `../logs/` style otherwise, always ending in `/`).
func relativePath(from: URL, to: URL) -> String {
    let source = from.standardizedFileURL.pathComponents
    let target = to.standardizedFileURL.pathComponents
    var common = 0
    while common < source.count, common < target.count, source[common] == target[common] { common += 1 }
    let ups = Array(repeating: "..", count: source.count - common)
    let parts = ups + target[common...]
    return parts.isEmpty ? "" : parts.joined(separator: "/") + "/"
}

private func write(_ bytes: [UInt8], to url: URL) throws(ReportError) {
    do {
        try Data(bytes).write(to: url, options: .atomic)
    } catch {
        throw ReportError(.io, "cannot write \(url.path): \(error)")
    }
}
