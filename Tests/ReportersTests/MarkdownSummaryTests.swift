import Foundation
import Results
import Testing

@testable import Reporters

@Suite struct MarkdownSummaryTests {
    /// A run whose failure list alone is far larger than GitHub's limit.
    private var manyFailures: RunResult {
        var run = Fixtures.sample
        run.clients = (1...40).map { "client-\($0)" }
        run.servers = (1...30).map { "server-\($0)" }
        for name in run.clients + run.servers {
            run.implementations[name] = Implementation(name: name, url: "https://example.org", role: .both)
        }
        run.jobs = []
        for client in run.clients {
            for server in run.servers {
                for test in run.tests {
                    run.jobs.append(
                        JobResult(
                            id: JobID(server: server, client: client, test: test.name), status: .failed,
                            reason: String(repeating: "very long reason ", count: 60), start: Fixtures.start,
                            duration: 1
                        )
                    )
                }
            }
        }
        return run
    }

    @Test func staysUnderTheLimitWithATruncationNote() {
        let summary = MarkdownSummary.render(manyFailures)
        #expect(summary.utf8.count < MarkdownSummary.defaultLimit)
        #expect(summary.contains("> **Truncated:** "))
        let small = MarkdownSummary.render(manyFailures, limit: 5_000)
        #expect(small.utf8.count < 5_000)
        #expect(small.hasPrefix("## QUIC interop run"))
        #expect(!MarkdownSummary.render(Fixtures.sample).contains("Truncated"))
    }

    @Test func escapesNamesAndReasons() {
        var run = Fixtures.hostile
        run.jobs[5].reason = "a | b *bold* [link](x) `code`\nsecond"
        let summary = MarkdownSummary.render(run)
        // Code spans and fenced blocks show their text literally; everywhere else markup must be escaped.
        #expect(!Fixtures.markdownOutsideCode(summary).contains("<script>"))
        #expect(
            summary.contains("&lt;script&gt;alert\\(1\\)&lt;/script&gt;")
                || summary.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(summary.contains("a \\| b \\*bold\\* \\[link\\](x) \\`code\\` second"))
    }

    @Test func listsEveryProblemWithItsReason() {
        let summary = MarkdownSummary.render(Fixtures.sample)
        #expect(summary.contains("### Problems (5)"))
        #expect(summary.contains("- **quic\\-go** (server)") == false)
        #expect(
            summary.contains(
                "- **quic-go** (server) × **lsquic** (client), `retry` (S): **timeout** — timed out after 60 s"))
        #expect(summary.contains("`goodput` (G): **failed** — repetition 2: goodput check: 2 files missing"))
    }

    @Test func publishesToGitHubActionsWhenActive() throws {
        let directory = try Fixtures.temporaryDirectory("github")
        defer { try? FileManager.default.removeItem(at: directory) }
        let summaryFile = directory.appendingPathComponent("step-summary.md")
        try Data("previous step\n".utf8).write(to: summaryFile)
        let github = GitHubActions(environment: ["GITHUB_ACTIONS": "true", "GITHUB_STEP_SUMMARY": summaryFile.path])
        var emitted: [String] = []
        let lines = try github.publish(Fixtures.sample, summary: "## summary\n") { emitted.append($0) }
        #expect(lines == emitted)
        #expect(try String(contentsOf: summaryFile, encoding: .utf8) == "previous step\n## summary\n")
        #expect(emitted.count == 5)
        #expect(emitted.allSatisfy { $0.hasPrefix("::error title=") && !$0.contains("\n") })
        #expect(
            emitted.contains(
                "::error title=transfer failed%3A quic-go × lsquic::transfer (DC) failed with server quic-go and client lsquic%0A"
                    + "expected 3 files, got 2 — “missing” café 🙂%0Arerun: interop-runner -s quic-go -c lsquic -t transfer --seed 42"
            )
        )

        let inactive = GitHubActions(environment: ["GITHUB_STEP_SUMMARY": summaryFile.path])
        #expect(
            try inactive.publish(Fixtures.sample, summary: "more\n") { _ in Issue.record("emitted while inactive") }
                .isEmpty)
        #expect(try String(contentsOf: summaryFile, encoding: .utf8) == "previous step\n## summary\n")
    }

    @Test func emitsAtMostTenAnnotations() {
        let lines = GitHubActions.annotations(manyFailures)
        #expect(lines.count == GitHubActions.annotationLimit)
        #expect(
            lines.last
                == "::error title=More interop failures::\(40 * 30 * 4 - 9) more failures; see the step summary or the HTML report"
        )
    }

    @Test func escapesLikeGitHubsToolkit() {
        #expect(GitHubActions.escapeData("100% a\r\nb:c,d") == "100%25 a%0D%0Ab:c,d")
        #expect(GitHubActions.escapeProperty("100% a\r\nb:c,d") == "100%25 a%0D%0Ab%3Ac%2Cd")
    }
}
