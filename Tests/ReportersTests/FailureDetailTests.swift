import Foundation
import Results
import Testing

@testable import Reporters

/// A failure's detail survives result.json, so `report --from` renders the same words the run did.
@Suite struct FailureDetailTests {
    /// The sample run with a non-compliant pair whose endpoint's own words are the detail.
    static var run: RunResult {
        var run = Fixtures.sample
        run.jobs[6].status = .notCompliant
        run.jobs[6].observedStatus = .notCompliant
        run.jobs[6].reason = "client lsquic is not compliant: TESTCASE=x exited with 1, expected exit status 127"
        run.jobs[6].detail = "what the client printed:\nunknown test case x, carrying on anyway"
        return run
    }

    @Test func detailAndEvidenceRoundTripThroughResultJSON() throws {
        let loaded = try loadRunResult(json: UpstreamResultJSON.render(Self.run))
        #expect(loaded.jobs[6].detail == Self.run.jobs[6].detail)
        #expect(loaded.jobs[5].evidence == Self.run.jobs[5].evidence && loaded.jobs[5].evidence != nil)
        #expect(try JUnitReport.render(loaded) == JUnitReport.render(Self.run))
        #expect(MarkdownSummary.render(loaded).contains("unknown test case x, carrying on anyway"))
    }

    @Test func detailNamesTheOutputsTheSeedAndTheRerun() throws {
        let job = try #require(Self.run.jobs.first { $0.evidence != nil })
        let detail = try #require(FailureDetail(job, in: Self.run))
        #expect(detail.text.hasPrefix("reason: expected 3 files, got 2"))
        #expect(detail.text.contains("seed 1020 (derived from the run's --seed)"))
        #expect(detail.text.contains("rerun: interop-runner -s quic-go -c lsquic -t transfer --seed 42"))
        #expect(
            detail.text.contains(
                "--- last lines of quic-go_lsquic/transfer/client.out.txt ---\ndownloaded 2 of 3 files"))
        #expect(FailureDetail(Self.run.jobs[0], in: Self.run) == nil, "a success has nothing to explain")
    }
}
