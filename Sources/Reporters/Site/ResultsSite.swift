public import Foundation
public import Results
import StrictJSON

/// A static results site for many runs, as upstream's interop.seemann.io shows them, plus each cell's history
/// across the runs: one `index.html` with its data, style and script inline (no network, only relative links), so
/// it works from `file://` and under any Pages sub-path.
///
/// Each run's data is upstream's `result.json` document (same keys, `results[ci * len(servers) + sj]`), plus the
/// statuses upstream cannot say (timeout, runner error, not compliant) and the histories of the cells.
public enum ResultsSite {
    /// The site's page for `runs` (any order: they are shown by start time, newest selected first).
    public static func render(_ runs: [SiteRun]) -> String {
        let ordered = runs.enumerated().sorted {
            ($0.element.result.start, $0.offset) < ($1.element.result.start, $1.offset)
        }.map(\.element)
        var protocols: [JSONValue.Member] = []
        var histories: [JSONValue.Member] = []
        for kind in WireProtocol.allCases {
            let positions = ordered.indices.filter { ordered[$0].result.protocolKind == kind }
            guard !positions.isEmpty else { continue }
            protocols.append(.init(kind.rawValue, .array(positions.map { .int(Int64($0)) })))
            let rows = CellHistory.histories(positions.map { ordered[$0].result }).map { history -> JSONValue in
                .object([
                    .init("server", .string(history.key.server)), .init("client", .string(history.key.client)),
                    .init("test", .string(history.key.test)),
                    .init("statuses", .string(String(history.statuses.map(letter)))),
                    .init("changed", history.lastChange.map { .int(Int64($0)) } ?? .null),
                    .init("flaky", .bool(history.isFlaky)),
                ])
            }
            histories.append(.init(kind.rawValue, .array(rows)))
        }
        let data = JSONValue.object([
            .init("runs", .array(ordered.map(runJSON))), .init("protocols", .object(protocols)),
            .init("histories", .object(histories)),
        ])
        let layout = JSONValue.PythonLayout(ensureASCII: false, indent: nil, htmlSafe: true)
        return HTMLPage.head(title: "Interop results", css: css)
            + """
            <header><h1>Interop results</h1>
            <nav id="protocols" aria-label="Protocol"></nav>
            <div id="run-bar"><label for="run-select">Run</label> <select id="run-select"></select> <span id="run-facts"></span></div>
            </header>
            <noscript><p>This page needs JavaScript to show the runs; each run's own report works without it.</p></noscript>
            <nav id="filters" aria-label="Filters"></nav>
            <main>
            <section><h2>Test cases</h2>
            <p class="legend">Rows are clients, columns are servers. <span class="job s-succeeded">succeeded</span> \
            <span class="job s-unsupported">unsupported</span> <span class="job s-failed">failed</span> \
            <span class="job s-timeout">timeout</span> <span class="job s-not-compliant">not compliant</span> \
            <span class="job s-error">runner error</span> <span class="job s-succeeded changed">changed in this run</span> \
            <span class="job s-succeeded flaky">flaky</span></p>
            <table class="matrix" id="matrix"></table></section>
            <section id="measurements-section"><h2>Measurements</h2><table class="matrix" id="measurements"></table></section>
            <section id="history-section"><h2>History</h2>
            <p>Cells that changed or are flaky across the runs shown, oldest run left.</p>
            <table class="history" id="history"></table></section>
            </main>
            <script type="application/json" id="site-data">\(String(decoding: data.pythonJSON(layout), as: UTF8.self))</script>
            <script>\(script)</script>
            </body>
            </html>

            """
    }

    /// Writes `index.html` for `runs` into `directory` (created if needed) and returns its URL.
    @discardableResult
    public static func write(_ runs: [SiteRun], to directory: URL) throws(ReportError) -> URL {
        let page = directory.appendingPathComponent("index.html")
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            try Data(render(runs).utf8).write(to: page, options: .atomic)
        } catch {
            throw ReportError(.io, "cannot write \(page.path): \(error)")
        }
        return page
    }

    /// The one-letter code of a status in a history string; `-` for not run.
    static func letter(_ status: JobStatus?) -> Character {
        switch status {
        case .succeeded?: "s"
        case .unsupported?: "u"
        case .failed?: "f"
        case .timeout?: "t"
        case .error?: "e"
        case .notCompliant?: "n"
        case nil: "-"
        }
    }

    /// A run as the script reads it: upstream's document under `result`, our statuses where upstream's differ.
    private static func runJSON(_ run: SiteRun) -> JSONValue {
        let result = run.result
        let index = RunIndex(result)
        var statuses: [JSONValue.Member] = []
        var flaky: [JSONValue] = []
        for (position, pair) in index.pairs.enumerated() {
            var overrides: [JSONValue.Member] = []
            for (ti, test) in result.tests.enumerated() {
                guard let status = index.test(client: pair.client, server: pair.server, test: ti)?.status,
                    status.upstreamValue != status.rawValue
                else { continue }
                overrides.append(.init(test.abbreviation, .string(status.rawValue)))
            }
            if !overrides.isEmpty { statuses.append(.init(String(position), .object(overrides))) }
        }
        for cell in MatrixCell.cells(index) where cell.isFlaky {
            flaky.append(.string("\(cell.server)|\(cell.client)|\(cell.test.name)"))
        }
        return .object([
            .init("name", .string(TextSanitizer.clean(run.name))),
            .init("protocol", .string(result.protocolKind.rawValue)),
            .init("start", .string(UTCTimestamp.readable(result.start))),
            .init("duration", .string(UTCTimestamp.duration(result.end.timeIntervalSince(result.start)))),
            .init("seed", .string(String(result.seed))), .init("runner", .string(result.runnerVersion)),
            .init("tally", .string(index.tally.sentence)),
            .init("report", .optional(run.report)), .init("logs", .optional(run.logs)),
            .init("result", UpstreamResultJSON.document(index, extensions: false)),
            .init("statuses", .object(statuses)), .init("flaky", .array(flaky)),
        ])
    }
}
