import Foundation
import Results
import Testing

@testable import TestCatalog

/// Every WebTransport check (upstream `testcases_webtransport.py`) on real captures of this project's WebTransport
/// runs (Fixtures/README.md): one handshake passes, two connections fail first, then the files decide.
@Suite struct WebTransportCheckTests {
    /// What the endpoints leave behind, beyond the traces.
    struct Delivery {
        /// What each side writes into `negotiated_protocol.txt`; `expected` stands for the test's expectation.
        var clientProtocol = "expected"
        var serverProtocol = "expected"
        /// Breaks the delivered files after delivery.
        var damage: (PreparedTest, JobDirectories) throws -> Void = { _, _ in }
    }

    /// Prepares `test`, delivers what it asks for as flawless endpoints would, applies `delivery`, and judges it on
    /// `fixture`'s traces.
    private func judge(
        _ test: any TestCase, on fixture: TraceFixture, keyLogs: Bool = true, _ delivery: Delivery = Delivery()
    ) throws -> (CheckOutcome, PreparedTest) {
        try withTemporaryDirectory { root in
            let directories = JobDirectories(root: root)
            let prepared = try test.prepare(in: directories, seed: 17)
            try deliver(prepared, in: directories)
            if let expected = prepared.expectedNegotiatedProtocol {
                for (text, downloads) in [
                    (delivery.clientProtocol, directories.clientDownloads),
                    (delivery.serverProtocol, directories.serverDownloads),
                ] {
                    let value = text == "expected" ? expected : text
                    try Data(value.utf8).write(to: downloads.appending(path: WebTransport.negotiatedProtocolFile))
                }
            }
            try delivery.damage(prepared, directories)
            let context = CheckContext(
                prepared: prepared, directories: directories, artifacts: fixture.artifacts(keyLogs: keyLogs))
            return (test.check(context), prepared)
        }
    }

    static let transfers: [any TestCase] = Catalog.webTransportTests.filter { $0 is any WebTransportTransfer }

    @Test(arguments: [TraceFixture.webTransportHandshake, .webTransportDatagramReceive])
    func theHandshakePassesOnOneConnection(fixture: TraceFixture) throws {
        #expect(try judge(WebTransport.Handshake(), on: fixture).0 == .succeeded())
    }

    @Test(arguments: transfers.map { CatalogEntry($0) })
    func everyTransferPassesOnOneConnectionWithItsFiles(entry: CatalogEntry) throws {
        #expect(try judge(entry.test, on: .webTransportHandshake).0 == .succeeded())
        #expect(try judge(entry.test, on: .webTransportDatagramReceive).0 == .succeeded())
    }

    /// Upstream's first requirement of every WebTransport check: `_count_handshakes() == 1`.
    @Test(arguments: Catalog.webTransportTests.map { CatalogEntry($0) })
    func twoConnectionsFailEveryTest(entry: CatalogEntry) throws {
        let outcome = try judge(entry.test, on: .webTransportTwoConnections).0
        #expect(outcome == .failed("expected exactly 1 handshake, saw 2"))
    }

    /// The Initial packets' connection IDs need no key log, so the count judges without one, as upstream's does.
    @Test func theHandshakeCountNeedsNoKeyLog() throws {
        let count = try judge(WebTransport.Handshake(), on: .webTransportTwoConnections, keyLogs: false).0
        #expect(count == .failed("expected exactly 1 handshake, saw 2"))
        #expect(try judge(WebTransport.Handshake(), on: .webTransportHandshake, keyLogs: false).0 == .succeeded())
    }

    /// Upstream returns at the first failing requirement: two connections are reported before a wrong protocol.
    @Test func theHandshakeCountComesBeforeTheProtocol() throws {
        let wrong = Delivery(clientProtocol: "other")
        let outcome = try judge(WebTransport.Handshake(), on: .webTransportTwoConnections, wrong).0
        #expect(outcome == .failed("expected exactly 1 handshake, saw 2"))
    }

    @Test func aWrongProtocolIsNamed() throws {
        let (outcome, prepared) = try judge(
            WebTransport.Handshake(), on: .webTransportHandshake, Delivery(serverProtocol: "other"))
        let expected = try #require(prepared.expectedNegotiatedProtocol)
        #expect(outcome == .failed("the server negotiated \"other\", expected \"\(expected)\""))
        // The client's second shared protocol is what a server that ignores the client's preference picks.
        let second = try #require(prepared.clientProtocols.last { prepared.serverProtocols.contains($0) })
        let (ignored, _) = try judge(
            WebTransport.Handshake(), on: .webTransportHandshake,
            Delivery(clientProtocol: second, serverProtocol: second))
        #expect(ignored == .failed("the client negotiated \"\(second)\", expected \"\(expected)\""))
    }

    @Test func aMissingProtocolFileFails() throws {
        let delivery = Delivery { _, directories in
            try FileManager.default.removeItem(
                at: directories.serverDownloads.appending(path: WebTransport.negotiatedProtocolFile))
        }
        let outcome = try judge(WebTransport.Handshake(), on: .webTransportHandshake, delivery).0
        #expect(outcome == .failed("the server wrote no negotiated_protocol.txt"))
    }

    /// Upstream's datagram check is its `_check_files`: one lost datagram of 200 fails the test.
    @Test(arguments: [WebTransport.TransferDatagramReceive() as any TestCase, WebTransport.TransferDatagramSend()])
    func oneLostDatagramFails(test: any TestCase) throws {
        var lost = ""
        var place = ""
        let delivery = Delivery { prepared, directories in
            let transfer = prepared.transfers[0]
            lost = transfer.files[137]
            place =
                (transfer.direction == .serverToClient ? "client" : "server") + "'s downloads/"
                + (transfer.directory ?? "")
            try FileManager.default.removeItem(
                at: directories.destination(of: transfer.direction).appending(path: transfer.directory ?? "")
                    .appending(path: lost))
        }
        let outcome = try judge(test, on: .webTransportDatagramReceive, delivery).0
        #expect(outcome == .failed("missing file \(lost) in the \(place)"))
    }

    @Test(arguments: transfers.map { CatalogEntry($0) })
    func aCorruptedFileIsNamed(entry: CatalogEntry) throws {
        var name = ""
        let delivery = Delivery { prepared, directories in
            let transfer = prepared.transfers[0]
            name = transfer.files[3]
            let url = directories.destination(of: transfer.direction).appending(path: transfer.directory ?? "")
                .appending(path: name)
            var data = try Data(contentsOf: url)
            data[511] ^= 0x01
            try data.write(to: url)
        }
        let outcome = try judge(entry.test, on: .webTransportHandshake, delivery).0
        #expect(outcome == .failed("file \(name) differs from the served file at byte 511"))
    }

    @Test func aMissingTraceIsTheRunnersError() throws {
        var artifacts = TraceFixture.webTransportHandshake.artifacts()
        artifacts.serverSideTrace = nil
        try withTemporaryDirectory { root in
            let directories = JobDirectories(root: root)
            let prepared = try WebTransport.TransferUnidirectionalSend().prepare(in: directories, seed: 2)
            try deliver(prepared, in: directories)
            let context = CheckContext(prepared: prepared, directories: directories, artifacts: artifacts)
            #expect(WebTransport.TransferUnidirectionalSend().check(context).status == .error)
        }
    }
}
