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
        #expect(!expected.isEmpty)
        let expectedByFrame = Dictionary(grouping: expected, by: \.frame)
        let actualByFrame = Dictionary(grouping: actual, by: \.frame)
        // tshark may decrypt less than this module (see the Retry fixture); it must never decrypt more.
        var tsharkUndecrypted = 0
        for (frame, theirs) in expectedByFrame {
            let mine = actualByFrame[frame] ?? []
            #expect(mine.count == theirs.count, "frame \(frame): \(mine) vs \(theirs)")
            for (mine, theirs) in zip(mine, theirs) {
                if theirs.frameTypes.isEmpty, theirs.type != "retry" {
                    tsharkUndecrypted += 1
                    if theirs.type == "oneRTT", theirs.dcid.isEmpty, !mine.dcid.isEmpty {
                        // tshark 4.0 read no DCID: it follows neither short headers with a greased fixed bit
                        // (RFC 9287) nor CIDs it learnt from them. Only decryption here proves the attribution.
                        #expect(!mine.frameTypes.isEmpty, "mine:   \(mine)\ntshark: \(theirs)")
                        continue
                    }
                    #expect(
                        [mine.type, mine.version, mine.dcid, mine.scid] == [
                            theirs.type, theirs.version, theirs.dcid, theirs.scid,
                        ],
                        "mine:   \(mine)\ntshark: \(theirs)")
                } else if mine != theirs {
                    Issue.record("mine:   \(mine)\ntshark: \(theirs)")
                }
            }
        }
        let extra = actualByFrame.keys.filter { expectedByFrame[$0] == nil }
        #expect(extra.isEmpty || tsharkUndecrypted > 0, "frames only this module dissects: \(extra.sorted())")
        #expect(reader.diagnostics.isEmpty, "\(reader.diagnostics)")
        let undecrypted = TraceAnalysis.analyze(path: fixture.capturePath, keyLog: try fixture.keyLog()).analysis
            .undecryptedPackets
        #expect(undecrypted.values.reduce(0, +) == fixture.undecryptable, "\(undecrypted)")
    }

    @Test("transport parameters, cipher suites and connections equal tshark's", arguments: Fixture.all)
    func transportParameters(_ fixture: Fixture) throws {
        let json = try Tshark.json(fixture)
        let expected = Set(
            Tshark.values("tls.quic.parameter.initial_max_streams_bidi", in: json).compactMap { UInt64($0) })
        let (_, reader) = try fixture.read()
        var actual: Set<UInt64> = []
        for connection in reader.connections {
            if let value = connection.clientHello?.transportParameters?.integer(.initialMaxStreamsBidi) {
                actual.insert(value)
            }
            if let value = connection.serverTransportParameters?.integer(.initialMaxStreamsBidi) {
                actual.insert(value)
            }
        }
        #expect(!expected.isEmpty)
        #expect(actual == expected)
        // A client draws new GREASE values for the ClientHello it sends after a Retry; tshark keeps the first
        // ClientHello of a connection and this module the one the handshake used, so GREASE values do not count.
        let types = Set(
            Tshark.values("tls.quic.parameter.type", in: json).compactMap { UInt64($0) }.filter { !isReserved($0) })
        let mineTypes = Set(
            reader.connections.flatMap {
                ($0.clientHello?.transportParameters?.entries ?? []).map(\.id)
                    + ($0.serverTransportParameters?.entries ?? []).map(\.id)
            }.filter { !isReserved($0) })
        // Where tshark could not decrypt everything (see `Fixture.tsharkDecryptsAll`), it sees a subset.
        let tsharkDecryptedAll = Tshark.values("quic.decryption_failed", in: json).isEmpty
        #expect(tsharkDecryptedAll ? mineTypes == types : types.isSubset(of: mineTypes))
        #expect(tsharkDecryptedAll || !fixture.tsharkDecryptsAll)
        let connections = Set(Tshark.values("quic.connection.number", in: json))
        #expect(reader.connections.count == connections.count)
        let suites = Set(
            Tshark.values("tls.handshake.ciphersuite", in: json).compactMap { UInt16($0.dropFirst(2), radix: 16) }
                .filter { !isGrease($0) })
        let mine = Set(
            reader.connections.flatMap {
                ($0.clientHello?.cipherSuites ?? []) + [$0.serverHello?.cipherSuite].compactMap { $0 }
            }.filter { !isGrease($0) })
        #expect(mine == suites)
    }
}

/// A GREASE cipher suite (RFC 8701): 0x0A0A, 0x1A1A, ..., 0xFAFA.
private func isGrease(_ suite: UInt16) -> Bool { suite & 0x0f0f == 0x0a0a && suite >> 12 == (suite >> 4) & 0x0f }

/// A reserved transport parameter (RFC 9000 section 18.1): 31 * N + 27.
private func isReserved(_ parameter: UInt64) -> Bool { parameter >= 27 && (parameter - 27) % 31 == 0 }
