import Foundation
public import Results
import StrictJSON

/// The one-file HTML report: inline CSS and JavaScript, no network requests (a Content-Security-Policy forbids
/// them), only relative links, so it works from `file://` and under any URL sub-path.
///
/// The matrix (clients × servers, coloured test abbreviations like the public interop page) and the measurements
/// table are rendered here, so the page reads without JavaScript; the script adds the client, server and test
/// filters and the search (kept in the URL's fragment) and the detail panel with links into the log tree, and each
/// failure's detail (the endpoints' last lines, the seed, the rerun command) folded in it. A baseline diff adds its
/// section; a policy marks required cells and known failures. Every text from outside is escaped here, and reaches
/// the script only as JSON (objects with named keys) that cannot close the `<script>`.
public enum HTMLReport {
    /// The page. `logBase` is the path from the page to the log root (`""` when the page sits in it).
    public static func render(_ run: RunResult, logBase: String = "", context: ReportContext = .none) -> String {
        let index = RunIndex(run)
        let allTests = run.tests + run.measurements
        var entries: [JSONValue] = []
        var html = ""
        html.reserveCapacity(256 * run.jobs.count + 16_384)
        let title = "\(run.protocolKind == .quic ? "QUIC" : "WebTransport") interop run"
        html += HTMLPage.head(title: title, css: assetsCSS)
        html += "<header><h1>\(HTMLEscaping.escape(title))</h1>\n"
        html += runHeader(run, index: index)
        html += "</header>\n<nav id=\"filters\" aria-label=\"Filters\">\n"
        html += filterGroup(
            kind: "client", label: "Clients", items: run.clients.map { ($0, $0, run.implementations[$0]?.url) })
        html += filterGroup(
            kind: "server", label: "Servers", items: run.servers.map { ($0, $0, run.implementations[$0]?.url) })
        html += filterGroup(
            kind: "test", label: "Tests",
            items: allTests.map { ($0.abbreviation, $0.abbreviation, "\($0.name): \($0.description)") }
        )
        html += """
            <div class="search"><label for="search">Search</label> \
            <input id="search" type="search" placeholder="implementation, test, status or reason" autocomplete="off"> \
            <button type="button" id="reset">Show all</button></div>
            </nav>
            <main>
            <section id="tests-section"><h2>Test cases</h2>
            <p class="legend">Rows are clients, columns are servers. \
            <span class="job s-succeeded">✓ succeeded</span> <span class="job s-unsupported">? unsupported</span> \
            <span class="job s-failed">✕ failed</span> <span class="job s-timeout">timeout</span> \
            <span class="job s-not-compliant">⊘ not compliant</span> <span class="job s-error">runner error</span> \
            <span class="job s-succeeded flaky">↻ flaky: failed, then succeeded when run again</span></p>\n
            """
        html += "<table class=\"matrix\" id=\"matrix\">\n"
        html += matrixHead(run)
        html += "<tbody>\n"
        for ci in run.clients.indices {
            html +=
                "<tr data-client=\"\(HTMLEscaping.escape(run.clients[ci]))\"><th scope=\"row\">\(HTMLEscaping.escape(run.clients[ci]))</th>"
            for sj in run.servers.indices {
                html += "<td data-server=\"\(HTMLEscaping.escape(run.servers[sj]))\">"
                var cell: [(job: JobResult, test: Int, entry: Int)] = []
                for ti in run.tests.indices {
                    guard let job = index.test(client: ci, server: sj, test: ti) else { continue }
                    cell.append((job, ti, entries.count))
                    var extra: [JSONValue.Member] = []
                    if let failure = FailureDetail(job, in: run) {
                        extra.append(.init("failure", failureJSON(failure)))
                    }
                    extra += policyMembers(
                        context, server: run.servers[sj], client: run.clients[ci], test: run.tests[ti])
                    entries.append(
                        entry(
                            server: sj, client: ci, test: ti, status: job.status, reason: job.reason,
                            duration: job.duration, start: job.start, attempts: job.attempts, flaky: job.isFlaky,
                            extra: extra))
                }
                for status in JobStatus.displayOrder {
                    for (job, ti, entry) in cell where job.status == status {
                        html += jobButton(
                            entry: entry, test: run.tests[ti], status: status, text: run.tests[ti].abbreviation,
                            flaky: job.isFlaky,
                            mark: context.mark(
                                server: run.servers[sj], client: run.clients[ci], test: run.tests[ti].name))
                    }
                }
                html += "</td>"
            }
            html += "</tr>\n"
        }
        html += "</tbody></table></section>\n"
        if !run.measurements.isEmpty {
            html +=
                "<section id=\"measurements-section\"><h2>Measurements</h2>\n<table class=\"matrix\" id=\"measurements\">\n"
            html += matrixHead(run)
            html += "<tbody>\n"
            for ci in run.clients.indices {
                html +=
                    "<tr data-client=\"\(HTMLEscaping.escape(run.clients[ci]))\"><th scope=\"row\">\(HTMLEscaping.escape(run.clients[ci]))</th>"
                for sj in run.servers.indices {
                    html += "<td data-server=\"\(HTMLEscaping.escape(run.servers[sj]))\">"
                    for (mi, measurement) in run.measurements.enumerated() {
                        guard let summary = index.summary(client: ci, server: sj, measurement: mi) else { continue }
                        let jobs = index.repetitions(client: ci, server: sj, measurement: mi)
                        let repetitions = jobs.map { job -> JSONValue in
                            var members: [JSONValue.Member] = [
                                .init("repetition", .int(Int64(job.id.repetition ?? 0))),
                                .init("status", .string(job.status.rawValue)),
                                .init("reason", .optional(job.reason.map(TextSanitizer.clean))),
                                .init("duration", .double(job.duration)), .init("value", .optional(job.value)),
                            ]
                            if let failure = FailureDetail(job, in: run) {
                                members.append(.init("failure", failureJSON(failure)))
                            }
                            return .object(members)
                        }
                        let text =
                            summary.status == .succeeded
                            ? "\(measurement.abbreviation): \(summary.details)" : measurement.abbreviation
                        let mark = context.mark(
                            server: run.servers[sj], client: run.clients[ci], test: measurement.name)
                        html += jobButton(
                            entry: entries.count, test: measurement, status: summary.status, text: text, flaky: false,
                            mark: mark)
                        entries.append(
                            entry(
                                server: sj, client: ci, test: run.tests.count + mi, status: summary.status,
                                reason: nil, duration: jobs.reduce(0) { $0 + $1.duration }, start: nil, attempts: [],
                                flaky: false,
                                extra: [
                                    .init("details", .string(summary.details)),
                                    .init("repetitions", .array(repetitions)),
                                ]
                                    + policyMembers(
                                        context, server: run.servers[sj], client: run.clients[ci], test: measurement)))
                    }
                    html += "</td>"
                }
                html += "</tr>\n"
            }
            html += "</tbody></table></section>\n"
        }
        if let diff = context.diff { html += diffSection(diff) }
        html +=
            "<section id=\"descriptions\"><h2>Tests</h2>\n<table class=\"tests\"><thead><tr><th>Abbr.</th><th>Name</th>"
        html += "<th>Description</th></tr></thead><tbody>\n"
        for test in allTests {
            html += "<tr data-test=\"\(HTMLEscaping.escape(test.abbreviation))\"><td><span class=\"abbr\">"
            html += "\(HTMLEscaping.escape(test.abbreviation))</span></td><td>\(HTMLEscaping.escape(test.name))"
            if test.isMeasurement {
                html += " <small>(measurement\(test.unit.map { ", " + HTMLEscaping.escape($0) } ?? ""))</small>"
            }
            html += "</td><td>\(HTMLEscaping.escape(test.description))</td></tr>\n"
        }
        html += "</tbody></table></section>\n</main>\n"
        html += "<aside id=\"detail\" hidden aria-live=\"polite\"><button type=\"button\" id=\"detail-close\" "
        html += "aria-label=\"Close\">×</button><div id=\"detail-body\"></div></aside>\n"
        let data = JSONValue.object([
            .init("logBase", .string(normalizedBase(logBase))),
            .init("servers", .array(run.servers.map(JSONValue.string))),
            .init("clients", .array(run.clients.map(JSONValue.string))),
            .init(
                "tests",
                .array(
                    allTests.map {
                        .object([
                            .init("name", .string($0.name)), .init("abbr", .string($0.abbreviation)),
                            .init("desc", .string($0.description)), .init("measurement", .bool($0.isMeasurement)),
                        ])
                    }
                )
            ),
            .init("entries", .array(entries)),
            .init("traces", .string(run.traces.rawValue)),
        ])
        let layout = JSONValue.PythonLayout(ensureASCII: false, indent: nil, htmlSafe: true)
        html += "<script type=\"application/json\" id=\"report-data\">"
        html += String(decoding: data.pythonJSON(layout), as: UTF8.self)
        html += "</script>\n<script>\(assetsJS)</script>\n</body>\n</html>\n"
        return html
    }

    /// `logBase` as a prefix that ends in `/` (or is empty), never absolute-looking to a URL parser.
    static func normalizedBase(_ logBase: String) -> String {
        guard !logBase.isEmpty, logBase != "." else { return "" }
        var base = logBase.hasSuffix("/") ? logBase : logBase + "/"
        // "logs:x/" would read as a URL scheme; "./" keeps every relative base relative.
        if !base.hasPrefix("/"), !base.hasPrefix("./"), !base.hasPrefix("../") { base = "./" + base }
        return base
    }

    private static func runHeader(_ run: RunResult, index: RunIndex) -> String {
        var rows: [(String, String)] = [
            ("Start", UTCTimestamp.readable(run.start)), ("End", UTCTimestamp.readable(run.end)),
            ("Duration", UTCTimestamp.duration(run.end.timeIntervalSince(run.start))),
            ("Protocol", run.protocolKind.rawValue), ("QUIC version", UpstreamResultJSON.quicVersion),
            ("Runner", run.runnerVersion), ("Seed", String(run.seed)), ("Log directory", run.logDir),
            ("Jobs", "\(run.jobs.count): \(index.tally.sentence)"),
        ]
        let flaky = run.flakyJobs.count
        if flaky > 0 { rows.append(("Flaky", "\(flaky) (failed, then succeeded when run again)")) }
        if let reason = run.incompleteReason { rows.append(("Incomplete", reason)) }
        rows.append(("Traces", TracePolicyText.kept(run.traces)))
        if let archive = run.archive { rows.append(("Archive", "\(archive.fileName), \(archive.readableSize)")) }
        let versions = (run.servers + run.clients).reduce(into: [String]()) { names, name in
            if !names.contains(name) { names.append(name) }
        }
        .compactMap { name in run.implementations[name]?.version.map { "\(name) \($0)" } }
        if !versions.isEmpty { rows.append(("Versions", versions.joined(separator: ", "))) }
        var html = "<dl id=\"run\">"
        for (label, value) in rows {
            html += "<div><dt>\(label)</dt><dd>\(HTMLEscaping.escape(value))</dd></div>"
        }
        return html + "</dl>\n"
    }

    private static func filterGroup(kind: String, label: String, items: [(name: String, text: String, title: String?)])
        -> String
    {
        var html = "<fieldset class=\"filter\" id=\"filter-\(kind)\"><legend>\(label)</legend>"
        for item in items {
            html +=
                "<button type=\"button\" class=\"toggle\" data-kind=\"\(kind)\" data-name=\"\(HTMLEscaping.escape(item.name))\""
            if let title = item.title { html += " title=\"\(HTMLEscaping.escape(title))\"" }
            html += " aria-pressed=\"true\">\(HTMLEscaping.escape(item.text))</button>"
        }
        return html + "</fieldset>\n"
    }

    private static func matrixHead(_ run: RunResult) -> String {
        var html = "<thead><tr><th scope=\"col\" class=\"corner\">client \\ server</th>"
        for server in run.servers {
            let name = HTMLEscaping.escape(server)
            html += "<th scope=\"col\" data-server=\"\(name)\">"
            if let url = run.implementations[server]?.url, url.hasPrefix("https://") || url.hasPrefix("http://") {
                html += "<a href=\"\(HTMLEscaping.escape(url))\" rel=\"noreferrer\">\(name)</a>"
            } else {
                html += name
            }
            html += "</th>"
        }
        return html + "</tr></thead>\n"
    }

    private static func jobButton(
        entry: Int, test: TestDescriptor, status: JobStatus, text: String, flaky: Bool, mark: String? = nil
    ) -> String {
        let policyClass = mark.map { " p-\($0)" } ?? ""
        let policyTitle = mark.map { " (\($0))" } ?? ""
        return "<button type=\"button\" class=\"job s-\(status.rawValue)\(flaky ? " flaky" : "")\(policyClass)\" "
            + "data-e=\"\(entry)\" data-test=\"" + HTMLEscaping.escape(test.abbreviation) + "\" title=\""
            + HTMLEscaping.escape("\(test.name): \(status.rawValue)\(flaky ? ", flaky" : "")\(policyTitle)")
            + "\">" + HTMLEscaping.escape(text) + (flaky ? "<span class=\"badge\">↻</span>" : "") + "</button>"
    }

    /// One job's (or measurement's) data for the script, by name.
    private static func entry(
        server sj: Int, client ci: Int, test ti: Int, status: JobStatus, reason: String?, duration: Double,
        start: Date?, attempts: [JobAttempt], flaky: Bool, extra: [JSONValue.Member] = []
    ) -> JSONValue {
        var members: [JSONValue.Member] = [
            .init("server", .int(Int64(sj))), .init("client", .int(Int64(ci))), .init("test", .int(Int64(ti))),
            .init("status", .string(status.rawValue)), .init("reason", .optional(reason.map(TextSanitizer.clean))),
            .init("duration", .double(duration)), .init("start", .optional(start.map(UTCTimestamp.readable))),
        ]
        if !attempts.isEmpty {
            members.append(.init("flaky", .bool(flaky)))
            members.append(
                .init(
                    "attempts",
                    .array(
                        attempts.map { attempt in
                            .object([
                                .init("number", .int(Int64(attempt.number))),
                                .init("status", .string(attempt.status.rawValue)),
                                .init("reason", .optional(attempt.reason.map(TextSanitizer.clean))),
                                .init("duration", .double(attempt.duration)),
                                .init("seed", .optional(attempt.seed.map { String($0) })),
                            ])
                        })))
        }
        return .object(members + extra)
    }

    /// A failure detail as the script reads it; every text cleaned of control characters (the script shows it as text).
    private static func failureJSON(_ failure: FailureDetail) -> JSONValue {
        .object([
            .init("seed", failure.seed.map { .string(String($0)) } ?? .null),
            .init("rerun", .string(TextSanitizer.clean(failure.rerun))),
            .init("files", .array(failure.files.map { .string(TextSanitizer.clean($0)) })),
            .init("serverOutput", .optional(failure.serverOutput.map(TextSanitizer.clean))),
            .init("clientOutput", .optional(failure.clientOutput.map(TextSanitizer.clean))),
            .init("detail", .optional(failure.detail.map(TextSanitizer.clean))),
        ])
    }

    /// `policy` (`required` or `known-failure`) and a known failure's `known` reason and link, when the policy says so.
    private static func policyMembers(
        _ context: ReportContext, server: String, client: String, test: TestDescriptor
    ) -> [JSONValue.Member] {
        guard let mark = context.mark(server: server, client: client, test: test.name) else { return [] }
        var members: [JSONValue.Member] = [.init("policy", .string(mark))]
        if let known = context.policy?.knownFailure(server: server, client: client, test: test.name) {
            members.append(
                .init(
                    "known",
                    .object([
                        .init("reason", .string(TextSanitizer.clean(known.reason))),
                        .init("link", .optional(known.link.map(TextSanitizer.clean))),
                    ])))
        }
        return members
    }

    /// The baseline diff as a table of the changed cells, new failures first; still failing cells folded.
    private static func diffSection(_ diff: BaselineDiff) -> String {
        var html = "<section id=\"diff-section\"><h2>Compared with the baseline</h2>\n<p>"
        html += HTMLEscaping.escape(
            "Baseline: the run of \(UTCTimestamp.readable(diff.baselineStart)) (seed \(diff.baselineSeed)). "
                + diff.tally.replacingOccurrences(of: "**", with: "") + ".")
        html += "</p>\n"
        for (label, names) in [
            ("New tests", diff.addedTests), ("Removed tests", diff.removedTests),
            ("New implementations", diff.addedImplementations),
            ("Removed implementations", diff.removedImplementations),
        ] where !names.isEmpty {
            html += "<p>\(label): \(HTMLEscaping.escape(names.joined(separator: ", ")))</p>\n"
        }
        func table(_ entries: [BaselineDiff.Entry]) -> String {
            var html = "<table class=\"tests diff\"><thead><tr><th>change</th><th>server</th><th>client</th>"
            html += "<th>test</th><th>baseline</th><th>now</th><th>why</th></tr></thead><tbody>\n"
            for entry in entries {
                var why = entry.reason ?? ""
                if let known = entry.knownFailure {
                    why += (why.isEmpty ? "" : " ") + "(known failure: \(known.reason))"
                }
                let change = "\(entry.change.emoji) \(entry.change.rawValue)" + (entry.isRequired ? ", required" : "")
                html += "<tr data-change=\"\(HTMLEscaping.escape(entry.change.rawValue))\">"
                for text in [
                    change, entry.server, entry.client, "\(entry.test.name) (\(entry.test.abbreviation))",
                    BaselineDiff.status(entry.baseline), BaselineDiff.status(entry.current), why,
                ] {
                    html += "<td>\(HTMLEscaping.escape(text))</td>"
                }
                html += "</tr>\n"
            }
            return html + "</tbody></table>\n"
        }
        let changed = diff.entries.filter { $0.change != .stillFailing && $0.change != .removed }
        html += changed.isEmpty ? "<p>No cell changed.</p>\n" : table(changed)
        let still = diff.entries(.stillFailing)
        if !still.isEmpty {
            html += "<details><summary>\(still.count) still failing</summary>\n\(table(still))</details>\n"
        }
        return html + "</section>\n"
    }
}
