import Results
import Testing

/// Upstream's test cases, transcribed by hand from `testcases_quic.py` and `testcases_webtransport.py`
/// (quic-interop-runner, April 2026): the catalog must reproduce every field.
struct UpstreamFact: Sendable, CustomTestStringConvertible {
    var name: String
    var abbreviation: String
    var description: String
    var client: String
    var server: String
    var scenario: String
    var timeoutSeconds: Int
    var repetitions: Int = 1
    var unit: String? = nil
    var fileSizes: [Int]
    var host: String = "server4"
    var chain: Int = 1

    var testDescription: String { name }
}

private let kB = 1 << 10
private let mB = 1 << 20
private let simple = "simple-p2p --delay=15ms --bandwidth=10Mbps --queue=25"
private let rebind = "rebind --delay=15ms --bandwidth=10Mbps --queue=25 --first-rebind=1s --rebind-freq=5s"

/// `TESTCASES_QUIC` in order.
let upstreamQUICTests: [UpstreamFact] = [
    UpstreamFact(
        name: "handshake", abbreviation: "H", description: "Handshake completes successfully.",
        client: "handshake", server: "handshake", scenario: simple, timeoutSeconds: 60, fileSizes: [1 * kB]),
    UpstreamFact(
        name: "transfer", abbreviation: "DC",
        description:
            "Stream data is being sent and received correctly. Connection close completes with a zero error code.",
        client: "transfer", server: "transfer", scenario: simple, timeoutSeconds: 60,
        fileSizes: [2 * mB, 3 * mB, 5 * mB]),
    UpstreamFact(
        name: "longrtt", abbreviation: "LR", description: "Handshake completes when RTT is long.",
        client: "handshake", server: "handshake",
        scenario: "simple-p2p --delay=750ms --bandwidth=10Mbps --queue=25", timeoutSeconds: 60, fileSizes: [1 * kB]),
    UpstreamFact(
        name: "chacha20", abbreviation: "C20", description: "Handshake completes using ChaCha20.",
        client: "chacha20", server: "chacha20", scenario: simple, timeoutSeconds: 60, fileSizes: [3 * mB]),
    UpstreamFact(
        name: "multiplexing", abbreviation: "M",
        description:
            "Thousands of files are transferred over a single connection, and server increased stream limits to accomodate client requests.",
        client: "transfer", server: "transfer", scenario: simple, timeoutSeconds: 60,
        fileSizes: Array(repeating: 32, count: 1999)),
    UpstreamFact(
        name: "retry", abbreviation: "S",
        description:
            "Server sends a Retry, and a subsequent connection using the Retry token completes successfully.",
        client: "retry", server: "retry", scenario: simple, timeoutSeconds: 60, fileSizes: [10 * kB]),
    UpstreamFact(
        name: "resumption", abbreviation: "R", description: "Connection is established using TLS Session Resumption.",
        client: "resumption", server: "resumption", scenario: simple, timeoutSeconds: 60,
        fileSizes: [5 * kB, 10 * kB]),
    UpstreamFact(
        name: "zerortt", abbreviation: "Z", description: "0-RTT data is being sent and acted on.",
        client: "zerortt", server: "zerortt", scenario: simple, timeoutSeconds: 60,
        fileSizes: Array(repeating: 32, count: 40)),
    UpstreamFact(
        name: "http3", abbreviation: "3", description: "An H3 transaction succeeded.",
        client: "http3", server: "http3", scenario: simple, timeoutSeconds: 60,
        fileSizes: [5 * kB, 10 * kB, 500 * kB]),
    UpstreamFact(
        name: "blackhole", abbreviation: "B",
        description: "Transfer succeeds despite underlying network blacking out for a few seconds.",
        client: "transfer", server: "transfer",
        scenario: "blackhole --delay=15ms --bandwidth=10Mbps --queue=25 --on=5s --off=2s", timeoutSeconds: 60,
        fileSizes: [10 * mB]),
    UpstreamFact(
        name: "keyupdate", abbreviation: "U",
        description: "One of the two endpoints updates keys and the peer responds correctly.",
        client: "keyupdate", server: "transfer", scenario: simple, timeoutSeconds: 60, fileSizes: [3 * mB]),
    UpstreamFact(
        name: "ecn", abbreviation: "E", description: "Handshake completes successfully.",
        client: "ecn", server: "ecn", scenario: simple, timeoutSeconds: 60, fileSizes: [100 * kB]),
    UpstreamFact(
        name: "amplificationlimit", abbreviation: "A", description: "The server obeys the 3x amplification limit.",
        client: "transfer", server: "transfer",
        scenario: "droplist --delay=15ms --bandwidth=10Mbps --queue=25 --drops_to_server=2,3,4,5,6,7",
        timeoutSeconds: 60, fileSizes: [5 * kB], chain: 9),
    UpstreamFact(
        name: "handshakeloss", abbreviation: "L1", description: "Handshake completes under extreme packet loss.",
        client: "multiconnect", server: "multiconnect",
        scenario:
            "drop-rate --delay=15ms --bandwidth=10Mbps --queue=25 --rate_to_server=30 --rate_to_client=30 --burst_to_server=3 --burst_to_client=3",
        timeoutSeconds: 300, fileSizes: Array(repeating: 1 * kB, count: 50)),
    UpstreamFact(
        name: "transferloss", abbreviation: "L2", description: "Transfer completes under moderate packet loss.",
        client: "transfer", server: "transfer",
        scenario:
            "drop-rate --delay=15ms --bandwidth=10Mbps --queue=25 --rate_to_server=2 --rate_to_client=2 --burst_to_server=3 --burst_to_client=3",
        timeoutSeconds: 60, fileSizes: [2 * mB]),
    UpstreamFact(
        name: "handshakecorruption", abbreviation: "C1",
        description: "Handshake completes under extreme packet corruption.",
        client: "multiconnect", server: "multiconnect",
        scenario:
            "corrupt-rate --delay=15ms --bandwidth=10Mbps --queue=25 --rate_to_server=30 --rate_to_client=30 --burst_to_server=3 --burst_to_client=3",
        timeoutSeconds: 300, fileSizes: Array(repeating: 1 * kB, count: 50)),
    UpstreamFact(
        name: "transfercorruption", abbreviation: "C2",
        description: "Transfer completes under moderate packet corruption.",
        client: "transfer", server: "transfer",
        scenario:
            "corrupt-rate --delay=15ms --bandwidth=10Mbps --queue=25 --rate_to_server=2 --rate_to_client=2 --burst_to_server=3 --burst_to_client=3",
        timeoutSeconds: 60, fileSizes: [2 * mB]),
    UpstreamFact(
        name: "ipv6", abbreviation: "6", description: "A transfer across an IPv6-only network succeeded.",
        client: "transfer", server: "transfer", scenario: simple, timeoutSeconds: 60, fileSizes: [5 * kB, 10 * kB],
        host: "server6"),
    UpstreamFact(
        name: "v2", abbreviation: "V2", description: "Server should select QUIC v2 in compatible version negotiation.",
        client: "v2", server: "v2", scenario: simple, timeoutSeconds: 60, fileSizes: [1 * kB]),
    UpstreamFact(
        name: "rebind-port", abbreviation: "BP",
        description: "Transfer completes under frequent port rebindings on the client side.",
        client: "transfer", server: "transfer", scenario: rebind, timeoutSeconds: 60, fileSizes: [10 * mB]),
    UpstreamFact(
        name: "rebind-addr", abbreviation: "BA",
        description: "Transfer completes under frequent IP address and port rebindings on the client side.",
        client: "transfer", server: "transfer", scenario: rebind + " --rebind-addr", timeoutSeconds: 60,
        fileSizes: [10 * mB]),
    UpstreamFact(
        name: "connectionmigration", abbreviation: "CM",
        description: "A transfer succeeded during which the client performed an active migration.",
        client: "transfer", server: "connectionmigration", scenario: simple, timeoutSeconds: 60,
        fileSizes: [2 * mB], host: "server46"),
]

/// `MEASUREMENTS` in order.
let upstreamQUICMeasurements: [UpstreamFact] = [
    UpstreamFact(
        name: "goodput", abbreviation: "G", description: "Measures connection goodput over a 10Mbps link.",
        client: "transfer", server: "transfer", scenario: simple, timeoutSeconds: 60, repetitions: 5, unit: "kbps",
        fileSizes: [10 * mB]),
    UpstreamFact(
        name: "crosstraffic", abbreviation: "C",
        description: "Measures goodput over a 10Mbps link when competing with a TCP (cubic) connection.",
        client: "transfer", server: "transfer", scenario: simple, timeoutSeconds: 180, repetitions: 5, unit: "kbps",
        fileSizes: [25 * mB]),
]

private let streamSizes = [100 * kB, 500 * kB, 250 * kB, 1 * mB, 2 * mB]
private let datagramSizes = (0..<200).map { 600 + 2 * $0 }

/// `TESTCASES_WEBTRANSPORT` in order; `fileSizes` are the transferred files.
let upstreamWebTransportTests: [UpstreamFact] = [
    UpstreamFact(
        name: "handshake", abbreviation: "H", description: "Handshake completes successfully.",
        client: "handshake", server: "handshake", scenario: simple, timeoutSeconds: 60, fileSizes: []),
    UpstreamFact(
        name: "transfer-unidirectional-receive", abbreviation: "UR",
        description: "Server sends data to client using unidirectional streams",
        client: "transfer-unidirectional-receive", server: "transfer", scenario: simple, timeoutSeconds: 60,
        fileSizes: streamSizes),
    UpstreamFact(
        name: "transfer-unidirectional-send", abbreviation: "US",
        description: "Client sends data to server using unidirectional streams",
        client: "transfer", server: "transfer-unidirectional-send", scenario: simple, timeoutSeconds: 60,
        fileSizes: streamSizes),
    UpstreamFact(
        name: "transfer-bidirectional-receive", abbreviation: "BR",
        description: "Server sends data to client using bidirectional streams",
        client: "transfer-bidirectional-receive", server: "transfer", scenario: simple, timeoutSeconds: 60,
        fileSizes: streamSizes),
    UpstreamFact(
        name: "transfer-bidirectional-send", abbreviation: "BS",
        description: "Client sends data to server using bidirectional streams",
        client: "transfer", server: "transfer-bidirectional-send", scenario: simple, timeoutSeconds: 60,
        fileSizes: streamSizes),
    UpstreamFact(
        name: "transfer-datagram-receive", abbreviation: "DR",
        description: "Server sends data to client using datagrams",
        client: "transfer-datagram-receive", server: "transfer", scenario: simple, timeoutSeconds: 60,
        fileSizes: datagramSizes),
    UpstreamFact(
        name: "transfer-datagram-send", abbreviation: "DS",
        description: "Client sends data to server using datagrams",
        client: "transfer", server: "transfer-datagram-send", scenario: simple, timeoutSeconds: 60,
        fileSizes: datagramSizes),
]

/// What `testcases_webtransport.py` asks of each endpoint and checks, beyond `UpstreamFact`.
struct UpstreamWebTransportFact: Sendable, CustomTestStringConvertible {
    /// Where `get_paths()` / `get_paths_server()` point.
    enum Requests: Sendable {
        /// No request (`[]`).
        case none
        /// The session's URL only: `urlprefix() + endpoint`.
        case session
        /// One entry per file: `urlprefix() + endpoint/file` for the client, `endpoint/file` for the server.
        case files
    }

    var name: String
    /// `PROTOCOLS_CLIENT` and `PROTOCOLS_SERVER`: how many names each gets.
    var clientProtocols: Int
    var serverProtocols: Int
    /// How many names both lists hold; in the handshake they sit at the same two positions in opposite order.
    var shared: Int
    var clientRequests: Requests
    var serverRequests: Requests
    /// Whose `www/<endpoint>/` holds the generated files (`_direction`), `nil` for none.
    var sender: Perspective?
    /// Whose `www` gets the endpoint directory (`os.makedirs` in `get_paths` / `__init__`).
    var endpointDirectories: Set<Perspective>
    /// `check()` reads both `negotiated_protocol.txt` files (handshake) or the receiver's files (transfers); both
    /// start with `_count_handshakes() == 1` (WebTransportCheckTests).
    var checksProtocol: Bool

    var testDescription: String { name }
}

private func transferFact(_ kind: String, _ direction: String) -> UpstreamWebTransportFact {
    UpstreamWebTransportFact(
        name: "transfer-\(kind)-\(direction)", clientProtocols: 1, serverProtocols: 1, shared: 1,
        clientRequests: direction == "receive" ? .files : .session,
        serverRequests: direction == "send" ? .files : .none,
        sender: direction == "receive" ? .server : .client, endpointDirectories: [.client, .server],
        checksProtocol: false)
}

/// `TESTCASES_WEBTRANSPORT` in order.
let upstreamWebTransportEnvironment: [UpstreamWebTransportFact] = [
    UpstreamWebTransportFact(
        name: "handshake", clientProtocols: 5, serverProtocols: 5, shared: 2, clientRequests: .session,
        serverRequests: .none, sender: nil, endpointDirectories: [.server], checksProtocol: true),
    transferFact("unidirectional", "receive"),
    transferFact("unidirectional", "send"),
    transferFact("bidirectional", "receive"),
    transferFact("bidirectional", "send"),
    transferFact("datagram", "receive"),
    transferFact("datagram", "send"),
]
