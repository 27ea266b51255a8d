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
/// `run.logDir`. A report that cannot be written does not stop the others: every one is tried, then the failures are
/// thrown together.
public func render(
    _ run: RunResult,
    to destinations: ReportDestinations,
    resultStyle: UpstreamResultJSON.Style = .compatible,
    context: ReportContext = .none
) throws(ReportError) {
    let diffFile = context.diff == nil ? nil : destinations.diff
    let logs = URL(fileURLWithPath: run.logDir)
    func base(_ file: URL) -> String { relativePath(from: file.deletingLastPathComponent(), to: logs) }
    var failures: [ReportError] = []
    func attempt(_ file: URL?, _ bytes: (URL) throws(ReportError) -> [UInt8]) {
        guard let file else { return }
        do {
            try write(try bytes(file), to: file)
        } catch {
            failures.append(error)
        }
    }
    attempt(destinations.resultJSON) { _ in UpstreamResultJSON.render(run, style: resultStyle) }
    attempt(destinations.junit) { file throws(ReportError) in
        try JUnitReport.render(run, logBase: base(file), context: context)
    }
    attempt(destinations.html) { Array(HTMLReport.render(run, logBase: base($0), context: context).utf8) }
    attempt(destinations.markdown) { _ in Array(MarkdownSummary.render(run, context: context).utf8) }
    if let diff = context.diff { attempt(diffFile) { _ in Array(diff.markdown().utf8) } }
    guard let first = failures.first else { return }
    throw ReportError(first.code, failures.map(\.message).joined(separator: "; "))
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

/// Writes `bytes` to `url` atomically, creating its folder first.
private func write(_ bytes: [UInt8], to url: URL) throws(ReportError) {
    let folder = url.deletingLastPathComponent()
    do {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    } catch {
        throw ReportError(.io, "cannot create the folder \(folder.path): \(FileErrorText.describe(error))")
    }
    do {
        try Data(bytes).write(to: url, options: .atomic)
    } catch {
        throw ReportError(.io, "cannot write \(url.path): \(FileErrorText.describe(error))")
    }
}
