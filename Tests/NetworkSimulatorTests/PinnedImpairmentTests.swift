import Results
import TestCatalog
import Testing

@testable import NetworkSimulator

/// The catalog's scenario strings through this module's parser, and the exact seeded pattern each impairing one
/// produces, so that a change of Swift version or of the model that alters a seeded draw fails here.
///
/// The expected patterns were computed by an independent Python implementation of xoshiro256** (SplitMix64 seeding
/// per stream), Lemire's bounded draw and the ns-3 models (`DropRateErrorModel`, `CorruptRateErrorModel`,
/// `BlackholeErrorModel`, `DroplistErrorModel`, `RebindErrorModel`) on the same packet schedule.
@Suite struct PinnedImpairmentTests {
    /// One corrupted packet: its 1-based number in its direction, the UDP payload offset, the old and new byte.
    struct Corruption: Equatable, CustomStringConvertible {
        var packet: Int
        var offset: Int
        var old: UInt8
        var new: UInt8

        init(_ packet: Int, _ offset: Int, _ old: UInt8, _ new: UInt8) {
            (self.packet, self.offset, self.old, self.new) = (packet, offset, old, new)
        }

        var description: String { "#\(packet)@\(offset) \(old)->\(new)" }
    }

    /// What a scenario did to the schedule: 1-based numbers of dropped packets per direction, corruptions, and the
    /// NAT's successive source endpoints of the client's flow.
    struct Pattern: Equatable {
        var dropped: (toServer: [Int], toClient: [Int]) = ([], [])
        var corrupted: (toServer: [Corruption], toClient: [Corruption]) = ([], [])
        var natEndpoints: [String] = []

        static func == (lhs: Pattern, rhs: Pattern) -> Bool {
            lhs.dropped == rhs.dropped && lhs.corrupted == rhs.corrupted && lhs.natEndpoints == rhs.natEndpoints
        }
    }

    /// The seed of every pinned pattern.
    static let seed: UInt64 = 42
    /// Packets per direction, one each way every 100 ms over 10 s (the blackhole's on/off and two rebinds fall in).
    static let packets = 100
    static let clientPort: UInt16 = 5555

    /// Runs `impairment` over the schedule: at each step the model advances to the step's time, then one packet from
    /// the client's port 5555 to the server and one from the server to that port pass it.
    static func pattern(of impairment: Impairment) -> Pattern {
        var model = ImpairmentModel(impairment: impairment, seed: seed)
        var pattern = Pattern()
        for index in 0..<packets {
            model.advance(to: .milliseconds(100 * index), log: { _ in })
            for direction in [LinkDirection.toServer, .toClient] {
                let toServer = direction == .toServer
                let frame =
                    toServer
                    ? FrameBuilder.udp4(
                        from: SimulatorAddressing.clientIPv4, clientPort, to: SimulatorAddressing.serverIPv4, 443,
                        payload: payload(direction, index))
                    : FrameBuilder.udp4(
                        from: SimulatorAddressing.serverIPv4, 443, to: SimulatorAddressing.clientIPv4, clientPort,
                        payload: payload(direction, index))
                var forwarded = true
                let after = FrameBuilder.withFrame(frame) {
                    forwarded = model.process($0, direction: direction, log: { _ in })
                }
                if !forwarded {
                    if toServer {
                        pattern.dropped.toServer.append(index + 1)
                    } else {
                        pattern.dropped.toClient.append(index + 1)
                    }
                    continue
                }
                if let offset = (42..<frame.count).first(where: { frame[$0] != after[$0] }) {
                    let corruption = Corruption(index + 1, offset - 42, frame[offset], after[offset])
                    if toServer {
                        pattern.corrupted.toServer.append(corruption)
                    } else {
                        pattern.corrupted.toClient.append(corruption)
                    }
                }
                if toServer, case .rebind = impairment {
                    let endpoint =
                        after[26..<30].map(String.init).joined(separator: ".")
                        + ":\(Int(after[34]) << 8 | Int(after[35]))"
                    if pattern.natEndpoints.last != endpoint { pattern.natEndpoints.append(endpoint) }
                }
            }
        }
        return pattern
    }

    /// 64 payload bytes: a short-header first byte, then bytes that are never zero (so no packet looks like Version
    /// Negotiation) and differ per packet and direction.
    static func payload(_ direction: LinkDirection, _ index: Int) -> [UInt8] {
        [0x40] + (1..<64).map { UInt8(truncatingIfNeeded: index * 7 + $0 + (direction == .toClient ? 100 : 0)) | 1 }
    }

    static let client = SimulatorAddressing.clientIPv4
    static let left = SimulatorAddressing.leftIPv4Prefix

    /// The pinned pattern of every impairing scenario of the QUIC catalog, by test case name.
    static let pinned: [String: Pattern] = [
        "handshakeloss": Pattern(
            dropped: (
                toServer: [4, 5, 6, 9, 13, 20, 22, 24, 25, 29, 43, 50, 51, 54, 55, 63, 66, 73, 75, 81, 88, 89, 93, 95],
                toClient: [
                    2, 18, 19, 21, 22, 24, 27, 35, 37, 43, 44, 45, 47, 53, 57, 62, 64, 69, 73, 84, 86, 88, 89, 90, 92,
                    93,
                    94, 96,
                ]
            )),
        "transferloss": Pattern(dropped: (toServer: [24, 65], toClient: [43, 91])),
        "handshakecorruption": Pattern(
            corrupted: (
                toServer: [
                    .init(4, 2, 0x17, 0x34), .init(6, 48, 0x53, 0xF9), .init(8, 25, 0x4B, 0xEE),
                    .init(13, 17, 0x65, 0x32), .init(15, 0, 0x40, 0xCB), .init(18, 39, 0x9F, 0xB8),
                    .init(30, 35, 0xEF, 0x74), .init(35, 1, 0xEF, 0xD5), .init(37, 15, 0x0B, 0x6D),
                    .init(44, 49, 0x5F, 0xDA), .init(45, 33, 0x55, 0xFA), .init(50, 48, 0x87, 0x17),
                    .init(56, 19, 0x95, 0x86), .init(61, 12, 0xB1, 0x54), .init(64, 19, 0xCD, 0x48),
                    .init(70, 9, 0xED, 0x38), .init(75, 29, 0x23, 0x2E), .init(78, 20, 0x2F, 0xA9),
                    .init(89, 42, 0x93, 0xA9), .init(94, 38, 0xB1, 0x76), .init(96, 9, 0xA3, 0x59),
                ],
                toClient: [
                    .init(2, 42, 0x95, 0xC9), .init(16, 2, 0xCF, 0x6F), .init(17, 14, 0xE3, 0xB5),
                    .init(18, 27, 0xF7, 0x79), .init(20, 22, 0xFF, 0xF5), .init(26, 38, 0x39, 0x10),
                    .init(32, 5, 0x43, 0x1F), .init(33, 24, 0x5D, 0x8E), .init(37, 33, 0x81, 0xE4),
                    .init(39, 32, 0x8F, 0x74), .init(42, 37, 0xA9, 0x3D), .init(47, 17, 0xB7, 0xF3),
                    .init(49, 41, 0xDD, 0xBA), .init(58, 39, 0x1B, 0x1C), .init(60, 3, 0x05, 0x24),
                    .init(61, 0, 0x40, 0x21), .init(62, 33, 0x31, 0x8E), .init(71, 23, 0x65, 0x02),
                    .init(75, 20, 0x7F, 0x51), .init(77, 21, 0x8D, 0x14), .init(78, 37, 0xA5, 0x83),
                    .init(83, 40, 0xCB, 0x0E), .init(91, 46, 0x09, 0x1E), .init(96, 36, 0x21, 0x86),
                    .init(98, 41, 0x35, 0x4B), .init(100, 30, 0x37, 0x9D),
                ]
            )),
        "transfercorruption": Pattern(
            corrupted: (
                toServer: [.init(24, 40, 0xC9, 0x7E), .init(63, 33, 0xD3, 0xFA)],
                toClient: [.init(43, 5, 0x8F, 0x1F), .init(89, 6, 0xD3, 0x24)]
            )),
        "blackhole": Pattern(dropped: (toServer: Array(51...70), toClient: Array(51...70))),
        "amplificationlimit": Pattern(dropped: (toServer: Array(2...7), toClient: [])),
        "rebind-port": Pattern(
            dropped: (toServer: [], toClient: Array(11...100)),
            natEndpoints: [client + ":5555", client + ":27201", client + ":5483"]),
        "rebind-addr": Pattern(
            dropped: (toServer: [], toClient: Array(11...100)),
            natEndpoints: [client + ":5555", left + ".106:5483", left + ".245:18759"]),
    ]

    @Test(arguments: WireProtocol.allCases)
    func everyCatalogScenarioParses(_ protocolKind: WireProtocol) {
        for test in Catalog.all(for: protocolKind) {
            do {
                _ = try Scenario(parsing: test.scenario)
            } catch {
                Issue.record("\(test.name): \(error)")
            }
        }
    }

    @Test func everyImpairingCatalogScenarioHasItsPinnedPattern() throws {
        var impairing: [String] = []
        for test in Catalog.all(for: .quic) {
            let scenario = try Scenario(parsing: test.scenario)
            if scenario.impairment == .none { continue }
            impairing.append(test.name)
            guard let expected = Self.pinned[test.name] else {
                Issue.record("\(test.name) impairs packets but has no pinned pattern")
                continue
            }
            let pattern = Self.pattern(of: scenario.impairment)
            #expect(pattern.dropped.toServer == expected.dropped.toServer, "\(test.name) drops towards the server")
            #expect(pattern.dropped.toClient == expected.dropped.toClient, "\(test.name) drops towards the client")
            #expect(
                pattern.corrupted.toServer == expected.corrupted.toServer, "\(test.name) corrupts towards the server")
            #expect(
                pattern.corrupted.toClient == expected.corrupted.toClient, "\(test.name) corrupts towards the client")
            #expect(pattern.natEndpoints == expected.natEndpoints, "\(test.name) NAT endpoints")
        }
        #expect(impairing.sorted() == Self.pinned.keys.sorted())
    }
}
