public import Results

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Upstream's `_print_results`: the test-case table (rows clients, columns servers, each cell `✓(…)`, `?(…)`,
/// `✕(…)`, plus `⏱(…)` and `!(…)` lines only when a timeout or runner error occurred) and the measurements table,
/// as prettytable draws them with all rules, or in its Markdown style with `<br>` (`-m`).
public enum TerminalReport {
    /// The two layouts of upstream's `-m` switch.
    public enum Style: Sendable {
        case table
        case markdown
    }

    /// Both tables, each followed by a newline, as `print(table)` writes them; a table with nothing to show is left
    /// out. `color` adds ANSI colours (use `shouldColor`).
    public static func render(_ run: RunResult, style: Style = .table, color: Bool = false) -> String {
        let index = RunIndex(run)
        let markdown = style == .markdown
        let lineBreak = markdown ? "<br>" : "\n"
        let escape: (String) -> String = { markdown ? MarkdownSummary.escape($0) : TextSanitizer.clean($0) }
        let colored = color && !markdown
        var tables: [TextTable] = []
        if !run.tests.isEmpty {
            tables.append(testTable(index, color: colored, lineBreak: lineBreak, escape: escape))
        }
        if !run.measurements.isEmpty {
            tables.append(measurementTable(index, color: colored, lineBreak: lineBreak, escape: escape))
        }
        return tables.map { $0.render(markdown ? .markdown : .allRules) + "\n" }.joined()
    }

    /// Whether output to `fileDescriptor` should be coloured: only when it is a terminal.
    public static func shouldColor(fileDescriptor: Int32 = 1) -> Bool { isatty(fileDescriptor) == 1 }

    /// termcolor's codes for upstream's colours; "grey" is bright black (90) so it stays visible on dark terminals.
    private static func paint(_ text: String, _ status: JobStatus, _ enabled: Bool) -> String {
        guard enabled else { return text }
        let code =
            switch status {
            case .succeeded: "32"
            case .unsupported: "90"
            case .failed: "31"
            case .timeout: "33"
            case .error: "35"
            case .notCompliant: "91"
            }
        return "\u{1B}[\(code)m\(text)\u{1B}[0m"
    }

    /// The test-case matrix; `escape` prepares names for the output format.
    static func testTable(
        _ index: RunIndex,
        color: Bool,
        lineBreak: String,
        escape: (String) -> String
    ) -> TextTable {
        let run = index.run
        return matrix(index, escape: escape) { ci, sj in
            var letters: [JobStatus: [String]] = [:]
            for ti in run.tests.indices {
                guard let job = index.test(client: ci, server: sj, test: ti) else { continue }
                letters[job.status, default: []].append(escape(run.tests[ti].abbreviation))
            }
            var lines: [String] = []
            for status in JobStatus.displayOrder {
                let always = status == .succeeded || status == .unsupported || status == .failed
                guard always || letters[status] != nil else { continue }
                lines.append(
                    paint("\(status.symbol)(\((letters[status] ?? []).joined(separator: ",")))", status, color))
            }
            return lines.joined(separator: lineBreak)
        }
    }

    /// Upstream's layout: a row per client, a column per server, `cell(client, server)` in each.
    private static func matrix(_ index: RunIndex, escape: (String) -> String, cell: (Int, Int) -> String) -> TextTable {
        let run = index.run
        var table = TextTable(fieldNames: [""] + run.servers.map(escape))
        for ci in run.clients.indices {
            table.rows.append([escape(run.clients[ci])] + run.servers.indices.map { cell(ci, $0) })
        }
        return table
    }

    /// The measurements matrix: `G: 9500 (± 500) kbps` for a success, the abbreviation otherwise.
    static func measurementTable(
        _ index: RunIndex,
        color: Bool,
        lineBreak: String,
        escape: (String) -> String
    ) -> TextTable {
        let run = index.run
        return matrix(index, escape: escape) { ci, sj in
            var lines: [String] = []
            for (mi, measurement) in run.measurements.enumerated() {
                guard let summary = index.summary(client: ci, server: sj, measurement: mi) else { continue }
                let abbreviation = escape(measurement.abbreviation)
                let text = summary.status == .succeeded ? "\(abbreviation): \(escape(summary.details))" : abbreviation
                lines.append(paint(text, summary.status, color))
            }
            return lines.joined(separator: lineBreak)
        }
    }
}
