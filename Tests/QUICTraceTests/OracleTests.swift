import Foundation
import Testing
@testable import QUICTrace

/// The packet list of every fixture equals tshark's dissection of the same file with the same key log.
@Suite("Oracle: tshark", .enabled(if: Tshark.isAvailable, "needs tshark (ci/packages/trace.apt)"))
struct OracleTests {
    @Test("packet list equals tshark's", arguments: Fixture.all)
    func packetList(_ fixture: Fixture) throws {
        let expected = try Tshark.packets(fixture)
        let (datagrams, reader) = try fixture.read()
        let actual = datagrams.flatMap { datagram in datagram.packets.map { OraclePacket($0, frame: datagram.frame) } }
        // Only a decrypting dissection makes the comparison meaningful: tshark must have seen frames everywhere.
        #expect(!expected.isEmpty)
        #expect(expected.filter { $0.type != "retry" }.allSatisfy { !$0.frameTypes.isEmpty })
        #expect(actual.count == expected.count, "packet count")
        for (mine, theirs) in zip(actual, expected) where mine != theirs {
            Issue.record("mine:   \(mine)\ntshark: \(theirs)")
        }
        #expect(reader.diagnostics.isEmpty, "\(reader.diagnostics)")
    }

    @Test("server transport parameters equal tshark's", arguments: Fixture.all)
    func transportParameters(_ fixture: Fixture) throws {
        let json = try Tshark.json(fixture)
        let expected = Set(Tshark.values("tls.quic.parameter.initial_max_streams_bidi", in: json).compactMap { UInt64($0) })
        let (_, reader) = try fixture.read()
        var actual: Set<UInt64> = []
        for connection in reader.connections {
            if let value = connection.clientHello?.transportParameters?.integer(.initialMaxStreamsBidi) { actual.insert(value) }
            if let value = connection.serverTransportParameters?.integer(.initialMaxStreamsBidi) { actual.insert(value) }
        }
        #expect(!expected.isEmpty)
        #expect(actual == expected)
        let suites = Set(Tshark.values("tls.handshake.ciphersuite", in: json).compactMap { UInt16($0.dropFirst(2), radix: 16) })
        let mine = Set(reader.connections.flatMap { ($0.clientHello?.cipherSuites ?? []) + [$0.serverHello?.cipherSuite].compactMap { $0 } })
        #expect(mine == suites)
    }
}
