import Batch
import Foundation
import Results
import Testing

@Suite struct AutoUnsupportedTests {
    private func job(_ server: String, _ client: String, _ test: String, _ status: JobStatus) -> JobResult {
        JobResult(
            id: JobID(server: server, client: client, test: test), status: status,
            start: Date(timeIntervalSince1970: 0), duration: 1)
    }

    private let pairs: [(client: String, server: String)] = [("c1", "s1"), ("c1", "s2"), ("c2", "s1"), ("c2", "s2")]

    @Test func clientFailingAgainstEveryServerBecomesUnsupported() {
        var jobs = [
            job("s1", "c1", "retry", .failed), job("s2", "c1", "retry", .timeout),
            job("s1", "c2", "retry", .succeeded), job("s2", "c2", "retry", .failed),
        ]
        let notes = AutoUnsupported.apply(to: &jobs, pairs: pairs, tests: ["retry"], exempt: [])
        // As upstream, the server rule sees the client rule's result: s2 now has unsupported and failed.
        #expect(jobs.map(\.status) == [.unsupported, .unsupported, .succeeded, .unsupported])
        #expect(jobs[0].observedStatus == .failed && jobs[3].observedStatus == .failed)
        #expect(
            notes == [
                #"Client c1 failed or did not support test retry against all servers, marking the entire test as "unsupported""#,
                #"Server s2 failed or did not support test retry against all clients, marking the entire test as "unsupported""#,
            ])
    }

    @Test func serverRuleAndExemptions() {
        var jobs = [
            job("s1", "c1", "retry", .failed), job("s2", "c1", "retry", .succeeded),
            job("s1", "c2", "retry", .unsupported), job("s2", "c2", "retry", .succeeded),
        ]
        var exempted = jobs
        _ = AutoUnsupported.apply(to: &jobs, pairs: pairs, tests: ["retry"], exempt: [])
        #expect(jobs[0].status == .unsupported && jobs[0].reason?.contains("Server s1 failed") == true)
        _ = AutoUnsupported.apply(to: &exempted, pairs: pairs, tests: ["retry"], exempt: ["s1"])
        #expect(exempted[0].status == .failed)
    }

    @Test func runnerErrorsAndSingleServersKeepVerdicts() {
        var jobs = [
            job("s1", "c1", "retry", .failed), job("s2", "c1", "retry", .error),
            job("s1", "c2", "retry", .succeeded), job("s2", "c2", "retry", .succeeded),
        ]
        _ = AutoUnsupported.apply(to: &jobs, pairs: pairs, tests: ["retry"], exempt: [])
        #expect(jobs[0].status == .failed)
        var single = [job("s1", "c1", "retry", .failed), job("s1", "c2", "retry", .failed)]
        _ = AutoUnsupported.apply(to: &single, pairs: [("c1", "s1"), ("c2", "s1")], tests: ["retry"], exempt: [])
        // One server: the client rule is off; the server failed against both clients, so the server rule applies.
        #expect(single.map(\.status) == [.unsupported, .unsupported])
    }
}
