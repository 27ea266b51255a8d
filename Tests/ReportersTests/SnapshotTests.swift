import Foundation
import Testing

@testable import Reporters

/// Every report of the sample run against its golden file.
@Suite struct SnapshotTests {
    @Test func junitXML() throws {
        Snapshot.check(
            String(decoding: try JUnitReport.render(Fixtures.sample, logBase: "logs/"), as: UTF8.self),
            named: "junit.xml")
    }

    @Test func resultJSON() {
        Snapshot.check(
            String(decoding: UpstreamResultJSON.render(Fixtures.sample), as: UTF8.self) + "\n", named: "result.json")
        Snapshot.check(
            String(decoding: UpstreamResultJSON.render(Fixtures.sample, style: .readable), as: UTF8.self) + "\n",
            named: "result-readable.json"
        )
    }

    @Test func html() {
        Snapshot.check(HTMLReport.render(Fixtures.sample, logBase: "../logs/"), named: "index.html")
    }

    @Test func markdown() {
        Snapshot.check(MarkdownSummary.render(Fixtures.sample), named: "summary.md")
    }

    @Test func terminal() {
        Snapshot.check(TerminalReport.render(Fixtures.sample), named: "terminal.txt")
        Snapshot.check(TerminalReport.render(Fixtures.sample, color: true), named: "terminal-color.txt")
        Snapshot.check(TerminalReport.render(Fixtures.sample, style: .markdown), named: "terminal-markdown.md")
    }
}
