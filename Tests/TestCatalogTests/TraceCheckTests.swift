import Foundation
import QUICTrace
import Results
import Testing

@testable import TestCatalog

/// Every upstream trace check on real captures of this project's runs: the trace of the test case itself passes,
/// the trace of another test case (or one without key logs) fails with one clear reason.
@Suite struct TraceCheckTests {
    private static let small = QUIC.Handshake()

    @Test(
        "passes on its own trace",
        arguments: [
            (QUIC.Handshake() as any TestCase, TraceFixture.handshake),
            (QUIC.Retry(), .retry),
            (QUIC.Resumption(), .resumption),
            // quinn greases the fixed bit (RFC 9287), also of the Handshake packet carrying the Certificate.
            (QUIC.Resumption(), .quinnResumption),
            (QUIC.ZeroRTT(), .zeroRTT),
            (QUIC.AmplificationLimit(), .amplificationLimit),
            (QUIC.IPv6(), .ipv6),
            (QUIC.LongRTT(), .longRTT),
            (QUIC.V2(), .v2),
            // aioquic's client adds a 1200-byte quantum_readiness transport parameter, qh3's an X25519MLKEM768
            // key share: both ClientHellos span two Initial packets.
            (QUIC.PostQuantum(), .postQuantum),
            (QUIC.PostQuantum(), .qh3PostQuantum),
        ])
    func passesOnItsOwnTrace(test: any TestCase, fixture: TraceFixture) throws {
        #expect(try judge(test, on: fixture) == .succeeded())
    }

    /// These test cases require what `transfer` requires; a one-connection QUIC v1 trace satisfies them.
    @Test(
        "transfer's requirements pass on a one-connection trace",
        arguments: [
            QUIC.Transfer() as any TestCase, QUIC.HTTP3(), QUIC.Blackhole(), QUIC.TransferLoss(),
            QUIC.TransferCorruption(),
            QUIC.Multiplexing(),
        ])
    func transferRequirementsPass(test: any TestCase) throws {
        #expect(try judge(test, on: .handshake, files: Self.small) == .succeeded())
    }

    @Test(
        "fails on another test's trace",
        arguments: [
            (QUIC.Handshake() as any TestCase, TraceFixture.retry, "the server sent 1 Retry packet, expected none"),
            (QUIC.Handshake(), .resumption, "expected exactly 1 handshake, saw 2"),
            (QUIC.Transfer(), .zeroRTT, "expected exactly 1 handshake, saw 2"),
            (QUIC.Retry(), .handshake, "the server sent no Retry packet"),
            // qh3's client sends its ClientHello in two Initials, gets a Retry for each and follows the first
            // with Initial 0 again.
            (
                QUIC.Retry(), .qh3Retry,
                "the client reset its packet numbers: Initial 0 with a token is not above those before the Retry"
            ),
            (QUIC.Resumption(), .handshake, "expected exactly 2 handshakes, saw 1"),
            (QUIC.ZeroRTT(), .resumption, "client sent no 0-RTT data"),
            (QUIC.ZeroRTT(), .handshake, "expected exactly 2 handshakes, saw 1"),
            (QUIC.HandshakeLoss(), .handshake, "expected exactly 50 handshakes, saw 1"),
            (QUIC.HandshakeCorruption(), .handshake, "expected exactly 50 handshakes, saw 1"),
            (
                QUIC.ChaCha20(), .handshake,
                "client offered cipher suite 0xc02b, expected only TLS_CHACHA20_POLY1305_SHA256"
            ),
            (
                QUIC.KeyUpdate(), .handshake,
                "expected key phase 1 packets from both sides; client sent 5 in phase 0 and 0 in phase 1, server 3 and 0"
            ),
            (
                QUIC.ECN(), .handshake,
                "the client marked no packet ECT(0) or ECT(1); the server marked no packet ECT(0) or ECT(1)"
            ),
            (
                QUIC.AmplificationLimit(), .handshake,
                "server sent 708 bytes of Handshake CRYPTO data, expected at least 7500; is it using the provided certificate chain?"
            ),
            (QUIC.IPv6(), .handshake, "the server sent 4 packets over IPv4, expected IPv6 only"),
            (QUIC.LongRTT(), .handshake, "expected at least 2 ClientHellos, saw 1"),
            (QUIC.V2(), .handshake, "server's Initial packets use 0x1, expected 0x6b3343cf among them"),
            (QUIC.Handshake(), .v2, "server's Initial packets use QUIC version 0x6b3343cf, expected 0x1"),
            (QUIC.PortRebinding(), .handshake, "the server saw only one path in use; no rebinding happened"),
            (
                QUIC.AddressRebinding(), .handshake,
                "the server saw only one client address in use; no address rebinding happened"
            ),
            (QUIC.ConnectionMigration(), .handshake, "the server saw only one path in use; no rebinding happened"),
            (
                QUIC.PostQuantum(), .handshake,
                "the client's ClientHello fits in one Initial packet, expected it to span at least two"
            ),
            // qh3 splits its ClientHello, but the server sent a Retry for each of the two Initials.
            (QUIC.PostQuantum(), .qh3Retry, "the server sent 2 Retry packets, expected none"),
        ])
    func failsOnAnotherTestsTrace(test: any TestCase, fixture: TraceFixture, reason: String) throws {
        let outcome = try judge(test, on: fixture, files: Self.small)
        #expect(outcome == .failed(reason), "\(outcome.status): \(outcome.reason ?? "")")
    }

    @Test(
        "needs a key log where upstream does",
        arguments: [
            QUIC.Multiplexing() as any TestCase, QUIC.Resumption(), QUIC.AmplificationLimit(), QUIC.KeyUpdate(),
            QUIC.ECN(),
            QUIC.PortRebinding(), QUIC.AddressRebinding(), QUIC.ConnectionMigration(),
        ])
    func keyLogRequired(test: any TestCase) throws {
        #expect(try judge(test, on: .handshake, keyLogs: false, files: Self.small) == .unsupported("key log required"))
    }

    @Test func checksWithoutKeyLogStillJudge() throws {
        #expect(try judge(QUIC.Retry(), on: .retry, keyLogs: false) == .succeeded())
        #expect(try judge(QUIC.ZeroRTT(), on: .zeroRTT, keyLogs: false) == .succeeded())
    }

    /// The runner's captures carry the key log (a pcapng Decryption Secrets Block): the analysis decrypts them with
    /// no key-log file, as tshark does.
    @Test func keysEmbeddedInTheCapturesDecryptWithoutKeyLogFiles() throws {
        try withTemporaryDirectory { root in
            let directories = JobDirectories(root: root)
            let prepared = try Self.small.prepare(in: directories, seed: 1)
            let artifacts = TraceFixture.postQuantum.artifacts(keyLogs: false)
            let context = CheckContext(prepared: prepared, directories: directories, artifacts: artifacts)
            for analysis in [try context.clientTrace(), try context.serverTrace()] {
                #expect(analysis.undecryptedPackets.isEmpty)
                #expect(analysis.serverOneRTTPackets > 0)
            }
        }
    }

    /// Upstream `_keylog_file()`: the client's key log when valid, else the server's.
    @Test func theServersKeyLogStandsInForAMissingOrInvalidClientOne() throws {
        var artifacts = TraceFixture.resumption.artifacts()
        artifacts.clientKeyLog = artifacts.clientSideTrace
        #expect(try judge(QUIC.Resumption(), on: artifacts) == .succeeded())
        artifacts.clientKeyLog = nil
        #expect(try judge(QUIC.Resumption(), on: artifacts) == .succeeded())
    }

    /// Another connection's secrets decrypt nothing, so the server's stream limit cannot be read.
    @Test func aKeyLogOfAnotherRunFailsTheStreamLimit() throws {
        var artifacts = TraceFixture.handshake.artifacts()
        artifacts.clientKeyLog = TraceFixture.retry.artifacts().clientKeyLog
        artifacts.serverKeyLog = nil
        #expect(
            try judge(QUIC.Multiplexing(), on: artifacts, files: Self.small)
                == .failed("found no initial_max_streams_bidi in the server's transport parameters"))
    }

    @Test func goodputIsTheServersOneRTTSpanInKilobitsPerSecond() throws {
        for test in [QUIC.Goodput() as any TestCase, QUIC.CrossTraffic()] {
            let outcome = try judge(test, on: .handshake, files: Self.small)
            #expect(outcome.status == .succeeded)
            #expect(outcome.value ?? 0 > 0)
        }
    }

    @Test func aMissingTraceIsTheRunnersError() throws {
        var artifacts = TraceFixture.handshake.artifacts()
        artifacts.serverSideTrace = artifacts.serverSideTrace?.deletingLastPathComponent().appending(
            path: "absent.pcap")
        let outcome = try judge(QUIC.Handshake(), on: artifacts)
        #expect(outcome.status == .error)
        artifacts.serverSideTrace = nil
        #expect(try judge(QUIC.Handshake(), on: artifacts).status == .error)
    }

    @Test func aFileThatIsNoCaptureIsTheRunnersError() throws {
        var artifacts = TraceFixture.handshake.artifacts()
        artifacts.serverSideTrace = artifacts.serverKeyLog
        let outcome = try judge(QUIC.Handshake(), on: artifacts)
        #expect(outcome.status == .error)
        #expect(outcome.reason?.hasPrefix("cannot read the server-side trace") == true)
    }

    /// A trace is read once per job: after the first read the file is no longer needed.
    @Test func eachTraceIsReadOnce() throws {
        try withTemporaryDirectory { root in
            let fixture = TraceFixture.handshake.artifacts()
            var artifacts = fixture
            artifacts.clientSideTrace = root.appending(path: "left.pcap")
            try FileManager.default.copyItem(
                at: try #require(fixture.clientSideTrace), to: try #require(artifacts.clientSideTrace))
            let directories = JobDirectories(root: root)
            let prepared = try Self.small.prepare(in: directories, seed: 1)
            let context = CheckContext(prepared: prepared, directories: directories, artifacts: artifacts)
            let first = try context.clientTrace()
            try FileManager.default.removeItem(at: try #require(artifacts.clientSideTrace))
            let second = try context.clientTrace()
            #expect(first.datagramCount == second.datagramCount)
            #expect(first.datagramCount > 0)
        }
    }
}
