import Foundation
import Results
import TestCatalog
import Testing

/// A committed pair of simulator captures with both endpoints' key logs, from one of this project's own runs
/// (Fixtures/README.md says which).
struct TraceFixture: CustomTestStringConvertible, Sendable {
    /// The folder under Fixtures, named after the test case that produced it.
    let name: String

    var testDescription: String { name }

    static let handshake = TraceFixture(name: "handshake")
    static let retry = TraceFixture(name: "retry")
    static let resumption = TraceFixture(name: "resumption")
    static let zeroRTT = TraceFixture(name: "zerortt")
    static let amplificationLimit = TraceFixture(name: "amplificationlimit")
    static let ipv6 = TraceFixture(name: "ipv6")
    static let longRTT = TraceFixture(name: "longrtt")
    static let v2 = TraceFixture(name: "v2")
    static let quinnResumption = TraceFixture(name: "quinn-resumption")
    static let qh3Retry = TraceFixture(name: "qh3-retry")
    static let webTransportHandshake = TraceFixture(name: "wt-handshake")
    static let webTransportTwoConnections = TraceFixture(name: "wt-two-connections")
    static let webTransportDatagramReceive = TraceFixture(name: "wt-datagram-receive")
    static let postQuantum = TraceFixture(name: "postquantum")
    static let qh3PostQuantum = TraceFixture(name: "qh3-postquantum")

    private var folder: URL {
        Bundle.module.url(forResource: "Fixtures", withExtension: nil)!.appending(
            path: name, directoryHint: .isDirectory)
    }

    /// The captures and the key logs; `keyLogs: false` leaves both key logs out, as an endpoint that wrote none.
    func artifacts(keyLogs: Bool = true) -> JobArtifacts {
        JobArtifacts(
            clientSideTrace: folder.appending(path: SimulatorCapture.clientSide),
            serverSideTrace: folder.appending(path: SimulatorCapture.serverSide),
            clientKeyLog: keyLogs ? folder.appending(path: "client-keys.log") : nil,
            serverKeyLog: keyLogs ? folder.appending(path: "server-keys.log") : nil)
    }
}

/// Judges `test` on `artifacts`, with the files of `files` (default: `test` itself) served and delivered intact, so
/// that only the trace decides; a test case with large files borrows the handshake's one kilobyte.
func judge(
    _ test: any TestCase, on artifacts: JobArtifacts, files: (any TestCase)? = nil
) throws -> CheckOutcome {
    try withTemporaryDirectory { root in
        let directories = JobDirectories(root: root)
        let prepared = try (files ?? test).prepare(in: directories, seed: 5)
        try deliver(prepared, in: directories)
        return test.check(CheckContext(prepared: prepared, directories: directories, artifacts: artifacts))
    }
}

/// Judges `test` on a fixture's traces and key logs.
func judge(
    _ test: any TestCase, on fixture: TraceFixture, keyLogs: Bool = true, files: (any TestCase)? = nil
) throws -> CheckOutcome {
    try judge(test, on: fixture.artifacts(keyLogs: keyLogs), files: files)
}
