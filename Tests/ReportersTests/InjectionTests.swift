import Foundation
import Results
import Testing

@testable import Reporters

/// Reasons, endpoint output and policy text an attacker controls, rendered in every report: each stays inert in
/// its format (XML, HTML, Markdown, GitHub workflow commands) and every report stays valid.
@Suite(.serialized) struct InjectionTests {
    /// The corpus: markup, CDATA and element ends, workflow commands raw and percent-encoded, Markdown table and code
    /// syntax, ANSI escapes, control characters and invalid UTF-8 (as an endpoint's bytes decode).
    static let corpus = [
        "<script>document.title='pwned'</script>", "]]>", "</failure></testcase><testcase name=\"fake\">",
        "::error::injected", "%0A::error::encoded", "line\r\n::warning title=x::crlf", "a | b | c", "`code` ```fence",
        "\u{1B}[31mred\u{1B}[0m \u{1B}]0;title\u{07}", "nul\u{0}bell\u{7}",
        String(decoding: [0x62, 0x61, 0x64, 0xFF, 0xFE, 0xC3, 0x28, 0x21] as [UInt8], as: UTF8.self),
    ].joined(separator: "\n")

    /// The sample run with the corpus in every reason, every failure's detail and outputs, and a known failure.
    static var run: RunResult {
        var run = Fixtures.sample
        for index in run.jobs.indices where run.jobs[index].status != .succeeded {
            run.jobs[index].reason = corpus
            run.jobs[index].detail = corpus
            run.jobs[index].evidence = JobEvidence(
                serverOutput: corpus, clientOutput: corpus, files: [run.jobs[index].id.logPath + "/output.txt"])
        }
        return run
    }

    static var context: ReportContext {
        let policy = Policy(
            source: "policy.yml",
            knownFailures: [
                KnownFailure(
                    cells: CellPattern(server: "ngtcp2", test: "retry"), reason: corpus, link: "javascript:alert(1)")
            ])
        return ReportContext(run, baseline: Fixtures.sample, policy: policy)
    }

    @Test func junitIsSchemaValidAndKeepsTheCorpusAsText() throws {
        guard Fixtures.requireFile(Fixtures.junitSchema.path, "CI clones the repository with shared/ beside it"),
            Fixtures.requireFile("/usr/bin/xmllint", "ci/packages/reporters.apt installs libxml2-utils")
        else { return }
        let directory = try Fixtures.temporaryDirectory("injection-junit")
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("junit.xml")
        try Data(try JUnitReport.render(Self.run, context: Self.context)).write(to: file)
        let lint = try Fixtures.run("/usr/bin/xmllint", ["--noout", "--schema", Fixtures.junitSchema.path, file.path])
        #expect(lint.status == 0, "xmllint: \(lint.stderr)")
        let count = try Fixtures.run("/usr/bin/xmllint", ["--xpath", "count(//testcase)", file.path])
        #expect(count.text.trimmingCharacters(in: .whitespacesAndNewlines) == "24")
        let fake = try Fixtures.run("/usr/bin/xmllint", ["--xpath", "count(//testcase[@name='fake'])", file.path])
        #expect(fake.text.trimmingCharacters(in: .whitespacesAndNewlines) == "0")
        // The failure's text is the corpus, cleaned of control characters and escapes, not markup.
        let text = try Fixtures.run(
            "/usr/bin/xmllint",
            ["--xpath", "string(//testcase[@classname='quic.quic-go_lsquic'][@name='transfer']/failure)", file.path])
        #expect(text.text.contains("</failure></testcase><testcase name=\"fake\">"))
        #expect(text.text.contains("%0A::error::encoded") && !text.text.contains("\u{1B}"))
    }

    @Test func resultJSONIsValidAndRoundTrips() throws {
        let bytes = UpstreamResultJSON.render(Self.run)
        let parsed = try Fixtures.python("import json, sys; json.load(sys.stdin); print('ok')", input: Data(bytes))
        #expect(parsed.text == "ok\n", "\(parsed.stderr)")
        #expect(try loadRunResult(json: bytes) == Self.run)
    }

    @Test func markdownKeepsEveryRowAndBlockIntact() {
        for (name, text) in [
            ("summary.md", MarkdownSummary.render(Self.run, context: Self.context)),
            ("diff.md", Self.context.diff?.markdown() ?? ""),
        ] {
            let markup = Fixtures.markdownOutsideCode(text)
            // Text may say "javascript:"; only a link to it would be harmful.
            for needle in ["<script", "</testcase>", "](javascript:", "<javascript:", "\u{1B}", "\u{0}"] {
                #expect(!markup.contains(needle), "\(name) has \(needle) outside code")
            }
            // Every table row has exactly as many unescaped pipes as its table's header.
            var columns: Int?
            for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
                guard line.hasPrefix("|") else {
                    columns = nil
                    continue
                }
                var pipes = 0
                var previous: Character = " "
                for character in line {
                    if character == "|" && previous != "\\" { pipes += 1 }
                    previous = character
                }
                if columns == nil { columns = pipes }
                #expect(pipes == columns, "\(name): \(line)")
            }
            // Fences opened are closed: the count of fence lines is even.
            let fences = text.split(separator: "\n").filter { $0.drop { $0 == " " }.hasPrefix("```") }
            #expect(fences.count % 2 == 0, "\(name)")
        }
    }

    @Test func annotationsAndOutputsCannotInjectCommands() throws {
        let lines = GitHubActions.annotations(Self.run, context: Self.context)
        #expect(!lines.isEmpty)
        for line in lines {
            #expect(line.hasPrefix("::error title=") || line.hasPrefix("::warning title="))
            #expect(!line.contains("\n") && !line.contains("\r"))
            // A literal %0A stays literal: the runner must not decode it into a newline.
            #expect(!line.contains("%0A::error::encoded"))
        }
        #expect(lines.contains { $0.contains("%250A::error::encoded") })
        let outputs = GitHubActions.outputLines([("reason", Self.corpus + "\nINTEROP_RUNNER_EOF\nfailed=0")])
        let parsed = outputs.split(separator: "\n").map(String.init)
        #expect(parsed.first == "reason<<INTEROP_RUNNER_EOF_")
        #expect(parsed.last == "INTEROP_RUNNER_EOF_")
        #expect(!parsed.dropFirst().dropLast().contains("INTEROP_RUNNER_EOF_"))
    }

    @Test(.timeLimit(.minutes(3))) func htmlRunsNoInjectedScript() throws {
        let chromium = "/usr/bin/chromium"
        guard Fixtures.requireFile(chromium, "ci/packages/reporters.apt installs chromium") else { return }
        let directory = try Fixtures.temporaryDirectory("injection-html")
        defer { try? FileManager.default.removeItem(at: directory) }
        let report = directory.appendingPathComponent("index.html")
        try Data(HTMLReport.render(Self.run, logBase: "logs/", context: Self.context).utf8).write(to: report)
        let site = try ResultsSite.write(
            [SiteRun(name: Self.corpus, result: Self.run, report: "x/index.html", logs: "x/logs/")],
            to: directory.appendingPathComponent("site"))
        for (page, fragment) in [(report, "job=5"), (site, "")] {
            let output = try Fixtures.run(
                chromium,
                [
                    "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                    "--user-data-dir=\(directory.appendingPathComponent("profile").path)", "--dump-dom",
                    page.absoluteString + (fragment.isEmpty ? "" : "#" + fragment),
                ])
            #expect(output.status == 0, "chromium: \(output.stderr)")
            let dom = output.text
            #expect(!dom.contains("<title>pwned</title>"), "\(page.lastPathComponent)")
            #expect(dom.components(separatedBy: "<script").count - 1 == 2, "only the page's own two scripts")
            #expect(!dom.contains("<testcase"))
            #expect(!dom.contains("href=\"javascript:"))
        }
    }
}
