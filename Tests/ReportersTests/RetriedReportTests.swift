import Foundation
import Results
import Testing

@testable import Reporters

/// Retried jobs, the trace policy, the archive and an incomplete run in every report.
@Suite struct RetriedReportTests {
    @Test func resultJSONRoundTripsAttemptsArchiveAndIncompleteness() throws {
        let run = Fixtures.retried
        let bytes = UpstreamResultJSON.render(run)
        let loaded = try loadRunResult(json: bytes)
        #expect(loaded == run)
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(text.contains(#""flaky": true, "attempts": [{"number": 1, "status": "failed""#))
        #expect(text.contains(#""log_path": "quic-go_quic-go/handshake/attempt-1"}"#))
        #expect(text.contains(#""traces": "failed", "incomplete": "the deadline of 45m came first"#))
        #expect(text.contains(#""archive": {"path": "out/logs.zip", "bytes": 42149999}"#))
        // Upstream's keys see a flaky job as what it ended as.
        let root = try #require(try JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any])
        let first = try #require((root["results"] as? [[[String: Any]]])?.first?.first)
        #expect(first["name"] as? String == "handshake" && first["result"] as? String == "succeeded")
    }

    @Test func junitFollowsSurefiresReruns() throws {
        let directory = try Fixtures.temporaryDirectory("junit-retried")
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("junit.xml")
        try Data(try JUnitReport.render(Fixtures.retried, logBase: "logs/")).write(to: file)
        Snapshot.check(try String(contentsOf: file, encoding: .utf8), named: "junit-retried.xml")
        if Fixtures.requireFile(Fixtures.junitSchema.path, "CI clones the repository with shared/ beside it"),
            Fixtures.requireFile("/usr/bin/xmllint", "ci/packages/reporters.apt installs libxml2-utils")
        {
            let lint = try Fixtures.run(
                "/usr/bin/xmllint", ["--noout", "--schema", Fixtures.junitSchema.path, file.path])
            #expect(lint.status == 0, "xmllint: \(lint.stderr)")
        }
        guard Fixtures.requireFile(Fixtures.venvPython, "ci/setup.sh installs ci/packages/*.pip into this venv") else {
            return
        }
        // junitparser's reader of Surefire's reruns (xunit2).
        let script = """
            import json, sys
            from junitparser.xunit2 import JUnitXml
            out = {}
            for suite in JUnitXml.fromfile(sys.argv[1]):
                for case in suite:
                    out[suite.name + "/" + case.name] = {
                        "passed": case.is_passed, "flaky": case.is_flaky, "rerun": case.is_rerun,
                        "result": [type(r).__name__ for r in case.result],
                        "flaky_failures": [r.message for r in case.flaky_failures()],
                        "rerun_failures": [r.message for r in case.rerun_failures()],
                        "rerun_errors": [[r.message, r.type, r.stack_trace] for r in case.rerun_errors()]}
                out[suite.name] = {"failures": suite.failures, "errors": suite.errors}
            print(json.dumps(out))
            """
        let output = try Fixtures.run(Fixtures.venvPython, ["-c", script, file.path])
        try #require(output.status == 0, "junitparser: \(output.stderr)")
        let cases = try #require(try JSONSerialization.jsonObject(with: output.stdout) as? [String: [String: Any]])
        let flaky = try #require(cases["quic.quic-go_quic-go/handshake"])
        #expect(flaky["passed"] as? Bool == true && flaky["flaky"] as? Bool == true && flaky["rerun"] as? Bool == false)
        #expect(flaky["flaky_failures"] as? [String] == ["client exited with code 1"])
        #expect(cases["quic.quic-go_quic-go"]?["failures"] as? Int == 0)
        let rerun = try #require(cases["quic.quic-go_lsquic/retry"])
        #expect(rerun["passed"] as? Bool == false && rerun["rerun"] as? Bool == true)
        #expect(rerun["result"] as? [String] == ["Error"])
        #expect(rerun["rerun_failures"] as? [String] == ["expected a Retry, saw none"])
        #expect(
            rerun["rerun_errors"] as? [[String]] == [
                [
                    "the job took longer than its timeout of 60 s", "timeout",
                    "the job took longer than its timeout of 60 s",
                ]
            ])
    }

    @Test func markdownListsFlakyJobsTheArchiveAndTheDeadline() {
        let summary = MarkdownSummary.render(Fixtures.retried)
        Snapshot.check(summary, named: "summary-retried.md")
        #expect(summary.contains("**Incomplete:** the deadline of 45m came first: 1 of 28 jobs did not run."))
        #expect(
            summary.contains(
                "Logs: `logs.zip`, 42.1 MB; pcaps, qlogs and key logs kept for the jobs that did not succeed."))
        #expect(summary.contains("### Flaky (1): failed, then succeeded when run again"))
        #expect(
            summary.contains(
                "- **quic-go** (server) × **quic-go** (client), `handshake` (H): succeeded on attempt 2 — before: failed (client exited with code 1)"
            ))
        #expect(summary.contains("`retry` (S): **timeout** (all 3 runs)"))
    }

    @Test func archiveSizesReadForPeople() {
        #expect(ArchiveSummary(path: "a", bytes: 999).readableSize == "999 B")
        #expect(ArchiveSummary(path: "a", bytes: 812_400).readableSize == "812 kB")
        #expect(ArchiveSummary(path: "a", bytes: 42_149_999).readableSize == "42.1 MB")
        #expect(ArchiveSummary(path: "a", bytes: 1_504_000_000).readableSize == "1.50 GB")
        #expect(ArchiveSummary(path: "out/logs.zip", bytes: 1).fileName == "logs.zip")
    }
}
