import Results
import Testing

@testable import QUICTrace

/// Checks whose passing or failing case no aioquic loopback fixture shows (rebinding, migration, ACK-ECN,
/// amplification violations), on hand-built datagrams and frames.
struct SyntheticCheckTests {
    static let client = Endpoint(address: IPAddress(SimulatorAddressing.clientIPv4)!, port: 4000)
    static let rebound = Endpoint(address: IPAddress(SimulatorAddressing.clientIPv4)!, port: 5000)
    static let server = Endpoint(address: IPAddress(SimulatorAddressing.serverIPv4)!, port: 443)

    static func packet(type: PacketType = .oneRTT, dcid: [UInt8] = [1, 2], frames: [Frame] = []) -> QUICPacket {
        QUICPacket(
            type: type, version: type == .oneRTT ? nil : QUICVersion.v1, destinationCID: ConnectionID(dcid),
            sourceCID: type == .oneRTT ? nil : ConnectionID([9]), token: nil, packetNumber: 1, keyPhase: false,
            length: 100, payloadLength: 80, sender: nil, connection: 0, decryption: .decrypted, frames: frames,
            supportedVersions: [], handshakeMessages: [])
    }

    static func datagram(from source: Endpoint, to destination: Endpoint, size: Int = 100, _ packets: [QUICPacket])
        -> QUICDatagram
    {
        QUICDatagram(
            frame: 1, timestamp: Timestamp(nanoseconds: 0), source: source, destination: destination, ecn: .notECT,
            udpLength: size + 8, packets: packets)
    }

    @Test func portRebindingWithChallengeAndResponse() {
        var analysis = TraceAnalysis(roles: .interop)
        let challenge: [UInt8] = [1, 2, 3, 4, 5, 6, 7, 8]
        analysis.add(Self.datagram(from: Self.server, to: Self.client, [Self.packet()]))
        analysis.add(
            Self.datagram(from: Self.server, to: Self.rebound, [Self.packet(frames: [.pathChallenge(data: challenge)])])
        )
        analysis.add(
            Self.datagram(from: Self.rebound, to: Self.server, [Self.packet(frames: [.pathResponse(data: challenge)])]))
        #expect(analysis.serverPaths.paths.count == 2)
        #expect(analysis.serverPaths.newPathsWithoutChallenge.isEmpty)
        #expect(analysis.unansweredPathChallenges.isEmpty)
    }

    @Test func portRebindingWithoutChallengeFails() {
        var analysis = TraceAnalysis(roles: .interop)
        analysis.add(Self.datagram(from: Self.server, to: Self.client, [Self.packet()]))
        analysis.add(Self.datagram(from: Self.server, to: Self.rebound, [Self.packet(frames: [.ping])]))
        analysis.add(
            Self.datagram(
                from: Self.server, to: Self.rebound,
                [Self.packet(frames: [.pathChallenge(data: [0, 0, 0, 0, 0, 0, 0, 1])])]))
        #expect(
            analysis.serverPaths.newPathsWithoutChallenge == [
                NetworkPath(source: Self.server, destination: Self.rebound)
            ])
    }

    @Test func unansweredChallengeIsReported() {
        var analysis = TraceAnalysis(roles: .interop)
        analysis.add(Self.datagram(from: Self.server, to: Self.client, [Self.packet()]))
        analysis.add(
            Self.datagram(
                from: Self.server, to: Self.rebound,
                [Self.packet(frames: [.pathChallenge(data: [9, 9, 9, 9, 9, 9, 9, 9])])]))
        #expect(analysis.unansweredPathChallenges == [[9, 9, 9, 9, 9, 9, 9, 9]])
    }

    @Test func migrationNeedsNewDCID() {
        var good = TraceAnalysis(roles: .interop)
        good.add(Self.datagram(from: Self.client, to: Self.server, [Self.packet(dcid: [1])]))
        good.add(Self.datagram(from: Self.rebound, to: Self.server, [Self.packet(dcid: [2])]))
        #expect(good.clientPaths.newPathsWithReusedDCID.isEmpty)
        #expect(good.clientPaths.destinationCIDChanges == [ConnectionID([2])])
        var bad = TraceAnalysis(roles: .interop)
        bad.add(Self.datagram(from: Self.client, to: Self.server, [Self.packet(dcid: [1])]))
        bad.add(Self.datagram(from: Self.rebound, to: Self.server, [Self.packet(dcid: [1])]))
        #expect(bad.clientPaths.newPathsWithReusedDCID.count == 1)
    }

    @Test func ackECNFrameIsParsed() throws {
        // ACK_ECN: largest 5, delay 0, 0 ranges, first range 5, ECT0 3, ECT1 0, CE 1; then PING.
        let parsed = try FrameParser.parse([0x03, 5, 0, 0, 5, 3, 0, 1, 0x01][...])
        #expect(parsed.frames.count == 2)
        guard case .ack(let ack) = parsed.frames[0] else {
            Issue.record("expected an ACK frame")
            return
        }
        #expect(ack.ecn == ECNCounts(ect0: 3, ect1: 0, ce: 1))
        var analysis = TraceAnalysis(roles: .interop)
        analysis.add(Self.datagram(from: Self.client, to: Self.server, [Self.packet(frames: parsed.frames)]))
        #expect(analysis.ackECNSenders == [.fromClient])
    }

    @Test func amplificationViolation() {
        var account = AmplificationAccount()
        account.add(
            Self.datagram(from: Self.client, to: Self.server, size: 1200, [Self.packet(type: .initial)]),
            direction: .fromClient)
        for _ in 0..<3 {
            account.add(
                Self.datagram(from: Self.server, to: Self.client, size: 1200, [Self.packet(type: .initial)]),
                direction: .fromServer)
        }
        #expect(account.outcome == .undecided)
        account.add(
            Self.datagram(from: Self.server, to: Self.client, size: 1200, [Self.packet(type: .handshake)]),
            direction: .fromServer)
        #expect(account.outcome == .violated)
    }

    @Test func unknownFrameTypeIsAnError() {
        #expect(throws: ParseError.self) { try FrameParser.parse([0x01, 0x40, 0x25][...]) }
    }

    @Test func ipv6AddressText() {
        #expect(IPAddress(SimulatorAddressing.serverIPv6)?.description == SimulatorAddressing.serverIPv6)
        #expect(IPAddress("::1")?.bytes == [UInt8](repeating: 0, count: 15) + [1])
        #expect(IPAddress("1.2.3") == nil)
    }
}

/// Version Negotiation and unknown-version packets, which aioquic cannot be made to produce on loopback.
struct VersionNegotiationTests {
    static func udp(_ payload: [UInt8], from source: Endpoint, to destination: Endpoint) -> UDPDatagram {
        UDPDatagram(
            source: source, destination: destination, ecn: .notECT, udpLength: payload.count + 8, payload: payload[...])
    }

    @Test func unknownVersionInitialAndVersionNegotiation() throws {
        let dissector = Dissector(keyLog: KeyLog())
        let client = SyntheticCheckTests.client
        let server = SyntheticCheckTests.server
        // Client Initial of version 0x1a2a3a4a, DCID 0102030405060708, SCID aabb, padded.
        let initial: [UInt8] =
            [0xc0, 0x1a, 0x2a, 0x3a, 0x4a, 8, 1, 2, 3, 4, 5, 6, 7, 8, 2, 0xaa, 0xbb]
            + [UInt8](repeating: 0, count: 1183)
        let first = try #require(
            dissector.dissect(Self.udp(initial, from: client, to: server), frame: 1, timestamp: .init(nanoseconds: 0)))
        #expect(first.packets.count == 1)
        #expect(first.packets[0].type == .initial)
        #expect(first.packets[0].version == 0x1a2a_3a4a)
        #expect(first.packets[0].decryption == .noKeys)
        // The server's Version Negotiation echoes the CIDs swapped and lists v1 and v2.
        let negotiation: [UInt8] =
            [0x80, 0, 0, 0, 0, 2, 0xaa, 0xbb, 8, 1, 2, 3, 4, 5, 6, 7, 8, 0, 0, 0, 1, 0x6b, 0x33, 0x43, 0xcf]
        let reply = try #require(
            dissector.dissect(
                Self.udp(negotiation, from: server, to: client), frame: 2, timestamp: .init(nanoseconds: 1)))
        #expect(reply.packets.map(\.type) == [.versionNegotiation])
        #expect(reply.packets[0].supportedVersions == [QUICVersion.v1, QUICVersion.v2])
        #expect(reply.packets[0].sourceCID == ConnectionID([1, 2, 3, 4, 5, 6, 7, 8]))
        var analysis = TraceAnalysis(roles: .interop)
        analysis.add(first)
        analysis.add(reply)
        #expect(analysis.clientFirstInitialDCID.map { analysis.versionNegotiationSourceCIDs.contains($0) } == true)
        #expect(analysis.versions(of: .initial, from: .fromClient) == [0x1a2a_3a4a])
    }

    @Test func nonQUICDatagramsAreSkipped() {
        let dissector = Dissector(keyLog: KeyLog())
        let dns: [UInt8] = [0x12, 0x34, 0x01, 0x00, 0, 1, 0, 0, 0, 0, 0, 0]
        #expect(
            dissector.dissect(
                Self.udp(dns, from: SyntheticCheckTests.client, to: SyntheticCheckTests.server), frame: 1,
                timestamp: .init(nanoseconds: 0)) == nil)
        #expect(dissector.diagnostics.isEmpty)
    }
}
