import QUICTrace
import Results

/// The requirements upstream's `TestCase` base class offers its checks (`testcase.py`), on the job's traces.
extension CheckContext {
    /// The capture next to the client, analyzed once (upstream `_client_trace()`).
    func clientTrace() throws(CheckStop) -> TraceAnalysis {
        try traces.analysis(of: .client, artifacts)
    }

    /// The capture next to the server, analyzed once (upstream `_server_trace()`).
    func serverTrace() throws(CheckStop) -> TraceAnalysis {
        try traces.analysis(of: .server, artifacts)
    }

    /// Upstream's "Can't check test result. SSLKEYLOG required.": neither endpoint wrote a usable key log.
    func requireKeyLog() throws(CheckStop) {
        guard traces.keyLog(artifacts) != nil else {
            throw CheckStop(outcome: .unsupported("key log required"))
        }
    }

    /// Upstream `_count_handshakes()` must equal `expected`: distinct SCIDs of the server's Initial packets in the
    /// server-side trace.
    func requireHandshakes(_ expected: Int) throws(CheckStop) {
        let count = try serverTrace().handshakeCount
        guard count == expected else {
            let noun = expected == 1 ? "handshake" : "handshakes"
            throw .failed("expected exactly \(expected) \(noun), saw \(count)")
        }
    }

    /// Upstream `_check_version_and_files()`: the server's Initial packets (server-side trace) carry exactly one
    /// version, QUIC v1, and the files arrived.
    func requireVersionAndFiles() throws(CheckStop) {
        let versions = try serverTrace().serverInitialVersions.sorted()
        guard versions.count == 1 else {
            let seen = versions.isEmpty ? "none" : versions.map(Self.hex).joined(separator: ", ")
            throw .failed("expected exactly one QUIC version in the server's Initial packets, saw \(seen)")
        }
        guard versions[0] == QUICVersion.v1 else {
            throw .failed(
                "server's Initial packets use QUIC version \(Self.hex(versions[0])), expected \(Self.hex(QUICVersion.v1))"
            )
        }
        try requireFiles()
    }

    /// Upstream `_check_files()`: every served file arrived complete and byte-identical.
    func requireFiles() throws(CheckStop) {
        let outcome = checkTransfers()
        guard outcome.status == .succeeded else { throw CheckStop(outcome: outcome) }
    }

    /// Upstream `_retry_sent()` must be false: no Retry packet in the client-side trace.
    func requireNoRetry() throws(CheckStop) {
        let retries = try clientTrace().retryCount
        guard retries == 0 else {
            throw .failed("the server sent \(retries) Retry \(retries == 1 ? "packet" : "packets"), expected none")
        }
    }

    /// A 16-bit code point in hexadecimal (`0x1301`).
    static func hex16(_ value: UInt16) -> String {
        "0x" + String(value, radix: 16)
    }

    /// A QUIC version as upstream prints it (`hex(int(v, 0))`, e.g. `0x1`).
    static func hex(_ version: UInt32) -> String {
        "0x" + String(version, radix: 16)
    }
}
