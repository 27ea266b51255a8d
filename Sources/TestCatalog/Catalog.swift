public import Results

/// Every test case and measurement of upstream, in upstream's order (`TESTCASES_QUIC`, `MEASUREMENTS`,
/// `TESTCASES_WEBTRANSPORT`), which is also the order of a run's columns.
///
/// Upstream also defines `TestCaseVersionNegotiation` but lists it in neither list, so its `run.py` cannot
/// select it; it is left out here for the same reason.
///
/// Experimental test cases (beyond upstream) are listed apart: a run selects them only when they are named.
///
/// Invariant: within one protocol, names and abbreviations are unique across tests, measurements and experimental
/// test cases; every experimental test case has the status `experimental`, every other one `upstream`.
public enum Catalog {
    /// Upstream `TESTCASES_QUIC`.
    public static let quicTests: [any TestCase] = [
        QUIC.Handshake(),
        QUIC.Transfer(),
        QUIC.LongRTT(),
        QUIC.ChaCha20(),
        QUIC.Multiplexing(),
        QUIC.Retry(),
        QUIC.Resumption(),
        QUIC.ZeroRTT(),
        QUIC.HTTP3(),
        QUIC.Blackhole(),
        QUIC.KeyUpdate(),
        QUIC.ECN(),
        QUIC.AmplificationLimit(),
        QUIC.HandshakeLoss(),
        QUIC.TransferLoss(),
        QUIC.HandshakeCorruption(),
        QUIC.TransferCorruption(),
        QUIC.IPv6(),
        QUIC.V2(),
        QUIC.PortRebinding(),
        QUIC.AddressRebinding(),
        QUIC.ConnectionMigration(),
    ]

    /// QUIC test cases beyond upstream, run only when named.
    public static let quicExperimentalTests: [any TestCase] = [
        QUIC.PostQuantum()
    ]

    /// Upstream `MEASUREMENTS`.
    public static let quicMeasurements: [any TestCase] = [
        QUIC.Goodput(),
        QUIC.CrossTraffic(),
    ]

    /// Upstream `TESTCASES_WEBTRANSPORT`; WebTransport has no measurements.
    public static let webTransportTests: [any TestCase] = [
        WebTransport.Handshake(),
        WebTransport.TransferUnidirectionalReceive(),
        WebTransport.TransferUnidirectionalSend(),
        WebTransport.TransferBidirectionalReceive(),
        WebTransport.TransferBidirectionalSend(),
        WebTransport.TransferDatagramReceive(),
        WebTransport.TransferDatagramSend(),
    ]

    /// The pass/fail test cases of `protocolKind`.
    public static func tests(for protocolKind: WireProtocol) -> [any TestCase] {
        switch protocolKind {
        case .quic: quicTests
        case .webtransport: webTransportTests
        }
    }

    /// The measurements of `protocolKind`.
    public static func measurements(for protocolKind: WireProtocol) -> [any TestCase] {
        switch protocolKind {
        case .quic: quicMeasurements
        case .webtransport: []
        }
    }

    /// The experimental test cases of `protocolKind`, which run only when named.
    public static func experimentalTests(for protocolKind: WireProtocol) -> [any TestCase] {
        switch protocolKind {
        case .quic: quicExperimentalTests
        case .webtransport: []
        }
    }

    /// Tests, measurements, then experimental test cases of `protocolKind`.
    public static func all(for protocolKind: WireProtocol) -> [any TestCase] {
        tests(for: protocolKind) + measurements(for: protocolKind) + experimentalTests(for: protocolKind)
    }

    /// Every entry of every protocol. Names repeat across protocols (`handshake`), so look up by protocol.
    public static var all: [any TestCase] {
        WireProtocol.allCases.flatMap { all(for: $0) }
    }

    /// The test case or measurement of `protocolKind` called `name`, or `nil`.
    public static func named(_ name: String, in protocolKind: WireProtocol) -> (any TestCase)? {
        all(for: protocolKind).first { $0.name == name }
    }
}
