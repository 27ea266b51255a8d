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
    /// The baseline diff, `diff.md`, when the run was compared with one.
    public var diff: URL?
}

/// Where each file report goes; `nil` skips that report.
public struct ReportDestinations: Sendable, Hashable {
    public var resultJSON: URL?
    public var junit: URL?
    public var html: URL?
    public var markdown: URL?
    /// `diff.md`, written only when the context has a baseline diff.
    public var diff: URL?

    /// Creates a set of destinations.
    public init(resultJSON: URL? = nil, junit: URL? = nil, html: URL? = nil, markdown: URL? = nil, diff: URL? = nil) {
        self.resultJSON = resultJSON
        self.junit = junit
        self.html = html
        self.markdown = markdown
        self.diff = diff
    }

    /// The reports under their usual names in `directory`.
    public init(directory: URL) {
        self.init(
            resultJSON: directory.appendingPathComponent("result.json"),
            junit: directory.appendingPathComponent("junit.xml"),
            html: directory.appendingPathComponent("index.html"),
            markdown: directory.appendingPathComponent("summary.md"),
            diff: directory.appendingPathComponent("diff.md"))
    }
}

/// Writes every file report of `run` into `directory` (created if needed): `result.json`, `junit.xml`,
/// `index.html` and `summary.md`, and `diff.md` when `context` has a baseline diff. Links into the log tree are relative from `directory` to `run.logDir` (a
/// relative `logDir` is taken from the current directory, as the runner was given it).
@discardableResult
public func renderAll(
    _ run: RunResult,
    to directory: URL,
    resultStyle: UpstreamResultJSON.Style = .compatible,
    context: ReportContext = .none
) throws(ReportError) -> ReportFiles {
    let destinations = ReportDestinations(directory: directory)
    try render(run, to: destinations, resultStyle: resultStyle, context: context)
    return ReportFiles(
        resultJSON: directory.appendingPathComponent("result.json"),
        junit: directory.appendingPathComponent("junit.xml"),
        html: directory.appendingPathComponent("index.html"),
        markdown: directory.appendingPathComponent("summary.md"),
        diff: context.diff == nil ? nil : directory.appendingPathComponent("diff.md")
    )
}

/// Writes each report that has a destination, each atomically (a reader never sees half a report); `diff.md` only
/// when `context` has a baseline diff. Links into the log tree are relative from each report's folder to
/// `run.logDir`.
public func render(
    _ run: RunResult,
    to destinations: ReportDestinations,
    resultStyle: UpstreamResultJSON.Style = .compatible,
    context: ReportContext = .none
) throws(ReportError) {
    let diffFile = context.diff == nil ? nil : destinations.diff
    let logs = URL(fileURLWithPath: run.logDir)
    func base(_ file: URL) -> String { relativePath(from: file.deletingLastPathComponent(), to: logs) }
    for case let file? in [
        destinations.resultJSON, destinations.junit, destinations.html, destinations.markdown, diffFile,
    ] {
        do {
            try FileManager.default.createDirectory(
                at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        } catch {
            throw ReportError(.io, "cannot create \(file.deletingLastPathComponent().path): \(error)")
        }
    }
    if let file = destinations.resultJSON { try write(UpstreamResultJSON.render(run, style: resultStyle), to: file) }
    if let file = destinations.junit {
        try write(JUnitReport.render(run, logBase: base(file), context: context), to: file)
    }
    if let file = destinations.html {
        try write(Array(HTMLReport.render(run, logBase: base(file), context: context).utf8), to: file)
    }
    if let file = destinations.markdown {
        try write(Array(MarkdownSummary.render(run, context: context).utf8), to: file)
    }
    if let file = diffFile, let diff = context.diff { try write(Array(diff.markdown().utf8), to: file) }
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
