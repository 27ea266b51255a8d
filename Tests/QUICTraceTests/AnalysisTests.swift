import Foundation
import Results
import Testing

@testable import QUICTrace

/// Each trace-side computation of upstream's checks, on a fixture where the check passes and one where it fails.
@Suite("Analysis")
struct AnalysisTests {
    @Test func handshakeCountAndVersion() throws {
        let handshake = try Fixture.named("handshake").analyze()
        #expect(handshake.handshakeCount == 1)
        #expect(handshake.serverInitialVersions == [QUICVersion.v1])
        #expect(handshake.undecryptedPackets.isEmpty)
        let resumption = try Fixture.named("resumption").analyze()
        #expect(resumption.handshakeCount == 2)
    }

    @Test func twoRetriesAndAPacketNumberReset() throws {
        // Two Retry packets, one per Initial of a split ClientHello; the client follows the first and resets its
        // packet numbers. The Initial keys must follow the Retry the client took, not the newest one.
        let analysis = try Fixture.named("qh3-double-retry").analyze()
        #expect(analysis.retryCount == 2)
        #expect(analysis.retryTokenUse == .packetNumberReset(packetNumber: 0))
        #expect(analysis.undecryptedPackets.isEmpty)
    }

    @Test func aCIDAnnouncedInAnUndecryptablePacketIsLearntFromItsAddressPair() throws {
        // quinn's server announced d7bc7b64d192e482 in 0.5-RTT data that arrived before its ServerHello (frame 2:
        // no cipher suite yet, so no keys); the client uses it from frame 18 on, in 1-RTT and Handshake packets.
        let (datagrams, reader) = try Fixture.named("quinn-learnt-cid").read()
        let undecrypted = datagrams.filter { $0.packets.contains { $0.decryption != .decrypted } }.map(\.frame)
        #expect(undecrypted == [2])
        #expect(datagrams.first { $0.frame == 18 }?.packets.first?.destinationCID.description == "d7bc7b64d192e482")
        #expect(datagrams.first { $0.frame == 20 }?.packets.first?.type == .handshake)
        #expect(reader.diagnostics.isEmpty)
    }

    /// qh3 splits its ClientHello (an X25519MLKEM768 key share) over Initials 0 and 1; quic-go's and aioquic's fit
    /// in one packet, and a retransmission of the whole ClientHello adds no packet.
    @Test func initialPacketsOfTheFirstClientHello() throws {
        #expect(try Fixture.named("qh3-double-retry").analyze().clientHelloInitialPackets.first == 2)
        #expect(try Fixture.named("quicgo-handshake").analyze().clientHelloInitialPackets == [1])
        #expect(try Fixture.named("handshake").analyze().clientHelloInitialPackets == [1])
        #expect(try Fixture.named("resumption").analyze().clientHelloInitialPackets == [1, 1])
    }

    @Test func onlyPacketsWithNewClientHelloBytesCount() {
        var assembly = ClientHelloAssembly()
        assembly.add([0..<1000])
        assembly.add([0..<1000])
        #expect(assembly.packets == 1, "a retransmission of the same bytes")
        assembly.add([500..<1000, 1000..<1400])
        #expect(assembly.packets == 2, "new bytes behind a repeated range")
        assembly.add([1400..<1400])
        assembly.add([])
        #expect(assembly.packets == 2, "empty ranges")
        var reordered = ClientHelloAssembly()
        reordered.add([1200..<1500])
        reordered.add([0..<600])
        reordered.add([600..<1200])
        reordered.add([100..<1400])
        #expect(reordered.packets == 3, "pieces out of order, then one covering earlier pieces")
    }

    @Test func retryPresenceAndTokenUse() throws {
        let retry = try Fixture.named("retry").analyze()
        #expect(retry.retryCount == 1)
        guard case .used(let token) = retry.retryTokenUse else {
            Issue.record("expected the Retry token to be used, got \(retry.retryTokenUse)")
            return
        }
        #expect(retry.retryTokens == [token])
        let handshake = try Fixture.named("handshake").analyze()
        #expect(handshake.retryCount == 0)
        #expect(handshake.retryTokenUse == .noTokenUsed)
    }

    @Test func certificateOnlyInFirstHandshakeOnResumption() throws {
        let resumption = try Fixture.named("resumption").analyze()
        #expect(resumption.serverHandshakes.map(\.certificate) == [true, false])
        let handshake = try Fixture.named("handshake").analyze()
        #expect(handshake.serverHandshakes.map(\.certificate) == [true])
    }

    @Test func zeroRTTSizes() throws {
        let resumption = try Fixture.named("resumption").analyze()
        #expect(resumption.zeroRTTPayloadBytes > 0)
        let handshake = try Fixture.named("handshake").analyze()
        #expect(handshake.zeroRTTPayloadBytes == 0)
        #expect(handshake.clientOneRTTPayloadBytes > 0)
    }

    @Test func cipherSuites() throws {
        let chacha = try Fixture.named("chacha").analyze()
        #expect(chacha.offeredCipherSuites == [CipherSuite.chacha20Poly1305SHA256.rawValue])
        #expect(chacha.selectedCipherSuites == [CipherSuite.chacha20Poly1305SHA256.rawValue])
        let handshake = try Fixture.named("handshake").analyze()
        #expect(handshake.offeredCipherSuites.count == 3)
    }

    @Test func maxStreamsBidi() throws {
        let handshake = try Fixture.named("handshake").analyze()
        #expect(handshake.serverMaxStreamsBidi == [128])
    }

    @Test func keyPhasesFromBothSides() throws {
        let keyupdate = try Fixture.named("keyupdate").analyze()
        #expect((keyupdate.keyPhaseCounts[.fromClient]?[1] ?? 0) > 0)
        #expect((keyupdate.keyPhaseCounts[.fromServer]?[1] ?? 0) > 0)
        #expect(keyupdate.undecryptedPackets.isEmpty)
        let handshake = try Fixture.named("handshake").analyze()
        #expect(handshake.keyPhaseCounts[.fromClient]?[1] == 0)
        #expect(handshake.keyPhaseCounts[.fromServer]?[1] == 0)
    }

    @Test func versionsPerPacketType() throws {
        let v2 = try Fixture.named("v2").analyze()
        for type in [PacketType.handshake] {
            #expect(v2.versions(of: type, from: .fromClient) == [QUICVersion.v2])
            #expect(v2.versions(of: type, from: .fromServer) == [QUICVersion.v2])
        }
        #expect(v2.versions(of: .initial, from: .fromServer) == [QUICVersion.v2])
        let handshake = try Fixture.named("handshake").analyze()
        #expect(handshake.versions(of: .handshake, from: .fromServer) == [QUICVersion.v1])
    }

    @Test func ipv6Only() throws {
        let chacha = try Fixture.named("chacha").analyze()
        #expect(chacha.serverIPv4Datagrams == 0)
        #expect(chacha.datagramCount > 0)
        let handshake = try Fixture.named("handshake").analyze()
        #expect(handshake.serverIPv4Datagrams > 0)
    }

    @Test func amplificationAndHandshakeCryptoSize() throws {
        let handshake = try Fixture.named("handshake").analyze()
        #expect(handshake.amplification.outcome == .withinLimit, "\(handshake.amplification.log)")
        #expect(handshake.serverHandshakeCryptoEnd > 500)
        #expect(handshake.serverHandshakeCryptoEnd < 7500)
    }

    @Test func clientHelloCountAndGoodput() throws {
        let handshake = try Fixture.named("handshake").analyze()
        #expect(handshake.clientHelloPackets == 1)
        #expect(handshake.serverOneRTTPackets > 20)
        let goodput = try #require(handshake.goodputKbps(transferredBytes: 30000))
        #expect(goodput > 0)
        let retry = try Fixture.named("retry").analyze()
        #expect(retry.clientHelloPackets == 2)
    }

    @Test func ecnAbsentInFixtures() throws {
        let handshake = try Fixture.named("handshake").analyze()
        #expect(handshake.ecnCounts[.fromClient]?[.ect0] == nil)
        #expect(handshake.ackECNSenders.isEmpty)
    }
}

/// The interop addresses decide directions like upstream's `get_direction`.
struct InteropAddressTests {
    @Test func directionsByInteropAddresses() throws {
        let fixture = Fixture.named("handshake")
        let original = try CaptureMutation.read(fixture.capturePath)
        // Ethernet + IPv4: source address at 26, destination at 30, UDP source port at 34.
        let rewritten = CaptureMutation.mapFrames(original) { _, frame in
            let fromServer = Int(frame[34]) << 8 | Int(frame[35]) == fixture.port
            let client = IPAddress(SimulatorAddressing.clientIPv4)!.bytes
            let server = IPAddress(SimulatorAddressing.serverIPv4)!.bytes
            frame.replaceSubrange(26..<30, with: fromServer ? server : client)
            frame.replaceSubrange(30..<34, with: fromServer ? client : server)
        }
        let path = try CaptureMutation.write(rewritten, name: "interop")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let byAddress = TraceAnalysis.analyze(path: path, keyLog: try fixture.keyLog(), roles: .interop).analysis
        let bySender = try fixture.analyze()
        #expect(byAddress.handshakeCount == 1)
        #expect(byAddress.keyPhaseCounts == bySender.keyPhaseCounts)
        #expect(byAddress.serverOneRTTPackets == bySender.serverOneRTTPackets)
        #expect(byAddress.amplification.outcome == .withinLimit)
        let wrongRoles = EndpointRoles(clientAddresses: [], serverAddresses: [])
        let nothing = TraceAnalysis.analyze(path: path, keyLog: try fixture.keyLog(), roles: wrongRoles).analysis
        #expect(nothing.handshakeCount == 0)
    }

    /// quic-go's client chooses a zero-length connection ID, so the server's Initial and Handshake packets carry an
    /// empty DCID; they belong to the connection of their address pair and must decrypt (they did not before).
    @Test func zeroLengthClientConnectionIDs() throws {
        let analysis = try Fixture.named("quicgo-handshake").analyze()
        #expect(analysis.undecryptedPackets.isEmpty)
        #expect(analysis.handshakeCount == 1)
        #expect(analysis.serverHandshakes.map(\.certificate) == [true])
        #expect(analysis.serverMaxStreamsBidi.count == 1)
    }

    /// The simulator's NAT rebinds the port of a quic-go client (zero-length CIDs): the server's short-header packets
    /// to the new port have no CID and no known address pair, yet belong to the connection (they were dropped).
    @Test func zeroLengthClientConnectionIDsAfterRebinding() throws {
        let fixture = Fixture.named("quicgo-handshake")
        let server = IPAddress(SimulatorAddressing.serverIPv4)!.bytes
        var rebound = 0
        let pcap = CaptureMutation.mapFrames(try CaptureMutation.read(fixture.capturePath)) { index, frame in
            let udp = 14 + Int(frame[14] & 0x0f) * 4
            guard index >= 7, Array(frame[26..<30]) == server, frame[udp + 8] & 0x80 == 0 else { return }
            (frame[udp + 2], frame[udp + 3]) = (0x13, 0x88)
            rebound += 1
        }
        let path = try CaptureMutation.write(pcap, name: "quicgo-rebound.pcap")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let (analysis, _, _) = TraceAnalysis.analyze(path: path, keyLog: try fixture.keyLog(), roles: .interop)
        #expect(rebound > 0)
        #expect(analysis.undecryptedPackets.isEmpty)
        #expect(analysis.serverPaths.paths.count == 2)
    }
}
