import ArgumentParser
import Reporters
import Testing

@testable import interop_runner

/// `--baseline`, `--policy`, `--fail-on` on `run` and `report`, and the `site` and `policy suggest` commands.
@Suite struct GatingCommandLineTests {
    @Test func runAndReportTakeTheGatingOptions() throws {
        let run = try #require(
            try InteropRunner.parseAsRoot([
                "-s", "quic-go", "--baseline", "old.json", "--policy", "p.yml", "--fail-on", "regressions",
            ]) as? Run)
        #expect(run.gating.baseline == "old.json" && run.gating.policy == "p.yml" && run.gating.failOn == .regressions)
        let defaults = try #require(try InteropRunner.parseAsRoot(["-s", "quic-go"]) as? Run)
        #expect(defaults.gating.failOn == .failures && defaults.gating.baseline == nil)
        let report = try #require(
            try InteropRunner.parseAsRoot([
                "report", "--from", "new.json", "--baseline", "old.json", "--fail-on", "never",
            ]) as? Report)
        #expect(report.outputDir == nil && report.gating.failOn == .never)
        // A merge gates itself, as the CI templates use it.
        let merge = try #require(
            try InteropRunner.parseAsRoot([
                "merge", "s1", "s2", "--output-dir", "merged", "--baseline", "old.json", "--fail-on", "regressions",
            ]) as? Merge)
        #expect(merge.folders == ["s1", "s2"] && merge.gating.baseline == "old.json")
        #expect(merge.gating.failOn == .regressions)
    }

    @Test func badGatingOptionsAreUsageErrors() {
        for arguments in [
            ["--fail-on", "regressions"], ["--fail-on", "sometimes"],
            ["report", "--from", "x.json", "--fail-on", "regressions"],
            ["--baseline", ""], ["site", "--output-dir", "s"], ["site", "--runs", "a"], ["policy", "suggest"],
            ["report", "--from", "x.json", "--output-dir", ""],
            ["merge", "s1", "--output-dir", "m", "--fail-on", "regressions"],
        ] {
            #expect(throws: (any Error).self, "\(arguments)") { try InteropRunner.parseAsRoot(arguments) }
        }
    }

    @Test func siteAndPolicySuggestTakeSeveralRuns() throws {
        let site = try #require(
            try InteropRunner.parseAsRoot(["site", "--runs", "r1", "r2", "r3", "--output-dir", "public"]) as? Site)
        #expect(site.runs == ["r1", "r2", "r3"] && site.outputDir == "public")
        let suggest = try #require(
            try InteropRunner.parseAsRoot(["policy", "suggest", "--runs", "r1", "r2"]) as? PolicyCommand.Suggest)
        #expect(suggest.runs == ["r1", "r2"])
    }
}
