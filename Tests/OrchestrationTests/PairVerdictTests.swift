import Foundation
import Results
import SystemPackage
import Testing

@testable import Orchestration

/// How a pair's exits become a verdict: QUIC's client-decides rule, and WebTransport's upstream rule that the
/// endpoint ending the pair decides (`_run_test`: checks when the client or the server exited with 0).
@Suite struct PairVerdictTests {
    typealias Ending = EndpointSet.PairEnding

    @Test func aServerThatFinishesFirstWithZeroGoesOnToTheChecks() {
        let ending = Ending(client: .signaled(SIGTERM), server: .exited(0), firstToExit: .server)
        #expect(EndpointSet.judgeEither(ending).status == .succeeded)
    }

    @Test func aClientThatFinishesFirstWithZeroGoesOnToTheChecks() {
        let ending = Ending(client: .exited(0), server: .exited(143), firstToExit: .client)
        #expect(EndpointSet.judgeEither(ending).status == .succeeded)
    }

    /// The endpoint that was stopped afterwards decides nothing: its exit answers the runner's signal.
    @Test func theFirstExitDecidesAndTheStoppedOneIsNamed() {
        let client = EndpointSet.judgeEither(Ending(client: .exited(1), server: .exited(0), firstToExit: .client))
        #expect(client.status == .failed)
        #expect(client.reason == "client exited with status 1 first; the server was stopped (exited with status 0)")
        let server = EndpointSet.judgeEither(
            Ending(client: .signaled(SIGTERM), server: .exited(2), firstToExit: .server))
        #expect(server.reason == "server exited with status 2 first; the client was stopped (killed by signal 15)")
    }

    @Test func status127OnEitherSideIsUnsupported() {
        for ending in [
            Ending(client: .exited(127), server: .signaled(SIGTERM), firstToExit: .client),
            Ending(client: .signaled(SIGTERM), server: .exited(127), firstToExit: .server),
            Ending(client: nil, server: .exited(127), firstToExit: .server),
        ] {
            #expect(EndpointSet.judgeEither(ending).status == .unsupported, "\(ending)")
        }
    }

    @Test func theLaunchersOwnFailureIsTheRunnersError() {
        let ending = Ending(client: .exited(126), server: .signaled(SIGTERM), firstToExit: .client)
        #expect(EndpointSet.judgeEither(ending).status == .error)
    }

    /// Upstream starts both containers at once; a server that exits with 0 before the client ran still leads to the
    /// checks, which then find no handshake.
    @Test func aServerEndingBeforeListeningIsJudgedByItsExit() {
        let early = EndpointSet.judgeEither(Ending(client: nil, server: .exited(0), firstToExit: .server))
        #expect(early.status == .succeeded)
        let failed = EndpointSet.judgeEither(Ending(client: nil, server: .exited(1), firstToExit: .server))
        #expect(failed.status == .failed)
        #expect(failed.reason == "server exited with status 1 before listening on UDP port 443")
    }

    /// QUIC keeps its own rule: only the client's exit counts.
    @Test func quicStillJudgesTheClient() {
        #expect(EndpointSet.judge(client: .exited(0), server: .signaled(SIGTERM)).status == .succeeded)
        #expect(EndpointSet.judge(client: .exited(1), server: .exited(0)).status == .failed)
    }

    @Test(.timeLimit(.minutes(1)))
    func waitingForAnExitReturnsOnceTheProcessEndsButNotBefore() async throws {
        let directory = try TemporaryDirectory("exit-wait")
        defer { directory.remove() }
        let command = ProcessCommand(
            executable: "/bin/sh", arguments: ["-c", "sleep 0.5; exit 3"], logFile: directory.file("log"))
        let clock = ContinuousClock()
        let start = clock.now
        let (waited, termination) = try await withProcessGroup(command) { group in
            try await waitForExit(of: group.pid)
            return clock.now - start
        }
        #expect(termination == .exited(3))
        #expect(waited >= .milliseconds(450) && waited < .seconds(5), "\(waited)")
    }
}
