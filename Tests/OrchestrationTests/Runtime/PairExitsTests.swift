import Results
import Testing

@testable import Orchestration

/// How a pair's exits become a verdict, as upstream reads `docker compose up --abort-on-container-exit`.
@Suite struct PairExitsTests {
    private func verdict(
        _ exits: [(Perspective, ProcessTermination)], clientStarted: Bool = true, launched: Set<Perspective> = []
    ) -> JobOutcome {
        var pair = PairExits(launched: launched)
        pair.clientStarted = clientStarted
        for (perspective, termination) in exits { _ = pair.record(perspective, termination) }
        return pair.verdict
    }

    @Test func theFirstExitEndsThePairAndOnlyItCounts() {
        var pair = PairExits(launched: [])
        let first = pair.record(.client, .exited(0))
        let second = pair.record(.server, .signaled(15))
        #expect(first && !second)
        #expect(pair.verdict.status == .succeeded)
    }

    @Test func aServerThatFinishesFirstWithZeroLetsTheChecksRun() {
        // WebTransport: the server may be the one that is done first.
        #expect(verdict([(.server, .exited(0)), (.client, .signaled(15))]).status == .succeeded)
    }

    @Test func aServerThatEndsWhileTheClientRunsFailsThePair() {
        let outcome = verdict([(.server, .exited(1)), (.client, .exited(143))])
        #expect(outcome.status == .failed)
        #expect(outcome.reason == "server exited with status 1 first; the client was stopped (exited with status 143)")
    }

    @Test func aServerThatNeverListenedFailsThePair() {
        let outcome = verdict([(.server, .exited(0))], clientStarted: false)
        #expect(outcome.status == .failed)
        #expect(outcome.reason == "server exited with status 0 before listening on UDP port 443")
    }

    @Test func exit127OfEitherSideIsUnsupported() {
        #expect(verdict([(.client, .exited(127)), (.server, .signaled(15))]).status == .unsupported)
        #expect(verdict([(.server, .exited(127))], clientStarted: false).reason == "server exited with status 127")
    }

    @Test func exit126IsTheLaunchersFaultOnlyWhereTheLauncherRan() {
        #expect(verdict([(.client, .exited(126)), (.server, .signaled(15))], launched: [.client]).status == .error)
        // A container's own 126 is its verdict.
        #expect(verdict([(.client, .exited(126)), (.server, .signaled(15))], launched: [.server]).status == .failed)
    }

    @Test func aFailingClientNamesItsExit() {
        let outcome = verdict([(.client, .signaled(9)), (.server, .signaled(15))])
        #expect(outcome.status == .failed)
        #expect(outcome.reason == "client killed by signal 9 first; the server was stopped (killed by signal 15)")
    }

    /// A sandbox limit an endpoint reached fails the job with a reason naming it, whatever the exits say otherwise:
    /// a successful exit, the other side's 127, or the runner stopping the endpoint.
    @Test func aReachedLimitFailsThePairAndIsNamed() {
        let writes = ProcessTermination.limitReached([.writes(512 << 20)], .exited(1))
        let outcome = verdict([(.client, writes), (.server, .signaled(15))])
        #expect(outcome.status == .failed)
        #expect(
            outcome.reason
                == "client reached the write limit (512 MiB in /downloads, /logs and /tmp) and exited with status 1")
        let stopped = ProcessTermination.limitReached([.processes(64), .fileSize(1 << 20)], .signaled(15))
        let both = verdict([(.client, .exited(0)), (.server, stopped)])
        #expect(both.status == .failed)
        #expect(
            both.reason == "server reached the process limit (64 processes and threads) and the file size limit "
                + "(1 MiB per file) and killed by signal 15")
        #expect(verdict([(.client, .exited(127)), (.server, stopped)]).status == .failed)
        #expect(!ProcessTermination.limitReached([.fileSize(1 << 20)], .exited(0)).isSuccess)
    }
}
