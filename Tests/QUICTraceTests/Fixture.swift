import Foundation
import Testing

@testable import QUICTrace

/// A committed capture with its key log and the UDP port the server used (tshark needs it to decode QUIC).
struct Fixture: CustomTestStringConvertible, Sendable {
    let name: String
    let file: String
    let port: Int
    /// Whether Debian's tshark 4.0 decrypts every packet of the capture (Fixtures/README.md says why some do not).
    var tsharkDecryptsAll = true
    /// Packets that no one can decrypt with the key log (sent before the keys they need could be known).
    var undecryptable = 0

    var testDescription: String { name }

    /// Every committed fixture; see Fixtures/README.md for how each was made.
    static let all = [
        Fixture(name: "handshake", file: "handshake.pcap", port: 24433),
        Fixture(name: "keyupdate", file: "keyupdate.pcap", port: 24434),
        Fixture(name: "chacha", file: "chacha.pcapng", port: 24435),
        Fixture(name: "retry", file: "retry.pcap", port: 24436, tsharkDecryptsAll: false),
        Fixture(name: "resumption", file: "resumption.pcap", port: 24437),
        Fixture(name: "v2", file: "v2.pcapng", port: 24438),
        Fixture(name: "quicgo-handshake", file: "quicgo-handshake.pcap", port: 443),
        Fixture(name: "quinn-resumption", file: "quinn-resumption.pcap", port: 443, tsharkDecryptsAll: false),
        Fixture(name: "qh3-double-retry", file: "qh3-double-retry.pcap", port: 443, tsharkDecryptsAll: false),
        Fixture(
            name: "quinn-learnt-cid", file: "quinn-learnt-cid.pcap", port: 443, tsharkDecryptsAll: false,
            undecryptable: 1),
    ]

    static func named(_ name: String) -> Fixture {
        all.first { $0.name == name }!
    }

    static var directory: String {
        Bundle.module.url(forResource: "Fixtures", withExtension: nil)!.path
    }

    var capturePath: String { "\(Self.directory)/\(file)" }
    var keyLogPath: String { "\(Self.directory)/\(name).keys" }

    func keyLog() throws -> KeyLog {
        try KeyLog(path: keyLogPath)
    }

    /// Reads the whole fixture with its key log.
    func read() throws -> (datagrams: [QUICDatagram], reader: QUICTraceReader) {
        let reader = QUICTraceReader(path: capturePath, keyLog: try keyLog())
        let datagrams = Array(reader)
        return (datagrams, reader)
    }

    func analyze() throws -> TraceAnalysis {
        TraceAnalysis.analyze(path: capturePath, keyLog: try keyLog()).analysis
    }
}
