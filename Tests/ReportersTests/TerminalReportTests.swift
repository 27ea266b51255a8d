import Foundation
import Results
import Testing

@testable import Reporters

#if canImport(Glibc)
    import Glibc
#endif

@Suite struct TerminalReportTests {
    /// Draws `table` with the real prettytable from the project's venv.
    private func prettytable(_ table: TextTable, markdown: Bool) throws -> String {
        let script = """
            import json, sys, prettytable
            spec = json.loads(sys.stdin.read())
            t = prettytable.PrettyTable()
            if spec["markdown"]:
                t.set_style(prettytable.TableStyle.MARKDOWN)
            else:
                t.hrules = prettytable.HRuleStyle.ALL
                t.vrules = prettytable.VRuleStyle.ALL
            t.field_names = spec["fields"]
            for row in spec["rows"]:
                t.add_row(row)
            sys.stdout.write(t.get_string())
            """
        let spec: [String: Any] = ["markdown": markdown, "fields": table.fieldNames, "rows": table.rows]
        let output = try Fixtures.run(
            Fixtures.venvPython, ["-c", script], input: try JSONSerialization.data(withJSONObject: spec))
        try #require(output.status == 0, "prettytable: \(output.stderr)")
        return output.text
    }

    @Test func matchesPrettytableByteForByte() throws {
        guard Fixtures.requireFile(Fixtures.venvPython, "ci/setup.sh installs ci/packages/*.pip into this venv") else {
            return
        }
        let index = RunIndex(Fixtures.sample)
        var wide = TextTable(fieldNames: ["", "日本", "odd", "even"])
        wide.rows = [
            ["a", "x\n\u{1B}[32m✓(H,DC)\u{1B}[0m\n⏱(Z)", "🙂", ""], ["longer-name", "", "é\ne\u{301}", "four"],
        ]
        for color in [false, true] {
            for table in [
                TerminalReport.testTable(index, color: color, lineBreak: "\n", escape: { $0 }),
                TerminalReport.measurementTable(index, color: color, lineBreak: "\n", escape: { $0 }), wide,
            ] {
                #expect(table.render(.allRules) == (try prettytable(table, markdown: false)))
            }
        }
        let markdown = TerminalReport.testTable(index, color: false, lineBreak: "<br>", escape: MarkdownSummary.escape)
        #expect(markdown.render(.markdown) == (try prettytable(markdown, markdown: true)))
        #expect(wide.render(.markdown) == (try prettytable(wide, markdown: true)))
    }

    @Test func cellsListAbbreviationsByStatusLikeUpstream() {
        let text = TerminalReport.render(Fixtures.sample)
        #expect(text.contains("| ✓(H,DC,S) |"))
        #expect(text.contains("|    ⏱(S)   |") || text.contains("⏱(S)"))
        #expect(text.contains("G: 9500 (± 500) kbps"))
        // Timeout and error lines appear only in cells that have one.
        let lines = text.split(separator: "\n")
        #expect(lines.filter { $0.contains("⏱(") }.count == 1)
        #expect(lines.filter { $0.contains("!(") }.count == 1)
        let colored = TerminalReport.render(Fixtures.sample, color: true)
        #expect(colored.contains("\u{1B}[32m✓(H,DC,S)\u{1B}[0m"))
        #expect(colored.contains("\u{1B}[31m✕()\u{1B}[0m"))
        #expect(!TerminalReport.render(Fixtures.sample, style: .markdown, color: true).contains("\u{1B}"))
    }

    @Test func coloursOnlyForATerminal() throws {
        var fds: [Int32] = [0, 0]
        #expect(pipe(&fds) == 0)
        defer {
            close(fds[0])
            close(fds[1])
        }
        #expect(!TerminalReport.shouldColor(fileDescriptor: fds[1]))
        let terminal = open("/dev/ptmx", O_RDWR | O_NOCTTY)
        try #require(terminal >= 0)
        defer { close(terminal) }
        #expect(TerminalReport.shouldColor(fileDescriptor: terminal))
    }
}
