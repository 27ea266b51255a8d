import Foundation
import Orchestration
import Results
import Testing

/// Each scenario with real packets through `interop-sim` between the client and server namespaces.
@Suite(.serialized, .enabled(if: isRoot, "needs root for network namespaces"), .timeLimit(.minutes(2)))
struct SimulatorScenarioTests {
    static let client4 = SimulatorAddressing.clientIPv4
    static let server4 = SimulatorAddressing.serverIPv4

    @Test func delayGivesRoundTripOfTwiceTheDelayOverIPv4AndIPv6() async throws {
        let options = JobNetworkOptions(scenario: "simple-p2p --delay=25ms --bandwidth=100Mbps --queue=25")
        try await withJobNetwork(label: "delay", options: options, logger: testLogger) { net in
            for address in [Self.server4, SimulatorAddressing.serverIPv6] {
                let (ping, _) = try await Probe.pingEcho(net, address: address, count: 15, interval: 0.1)
                let rtts = (ping["rtts_ms"] as? [[Double]] ?? []).map { $0[1] }
                #expect(rtts.count == 15, "replies over \(address)")
                let median = Probe.median(rtts)
                #expect(median >= 50 && median < 54, "median RTT \(median) ms over \(address)")
            }
        }
    }

    @Test func rateLimitsGoodput() async throws {
        // 2 Mbit/s; 1000-byte datagrams use 1030 link bytes (IP, UDP, PPP), so 1.94 Mbit/s of payload.
        let options = JobNetworkOptions(scenario: "simple-p2p --delay=5ms --bandwidth=2Mbps --queue=100")
        try await withJobNetwork(label: "rate", options: options, logger: testLogger) { net in
            let report = try await Probe.transfer(
                net, from: .server, to: .client, address: Self.client4, count: 600, size: 1000, pps: 400)
            let arrivals = report["arrivals"] as? [Double] ?? []
            try #require(arrivals.count > 300)
            let mbps = Double(arrivals.count - 50) * 8000 / (arrivals[arrivals.count - 1] - arrivals[49]) / 1e6
            #expect(abs(mbps - 1.942) < 0.1, "goodput \(mbps) Mbit/s")
        }
    }

    @Test func queueLimitDropsTheTailOfABurst() async throws {
        // 1000-byte datagrams take 8.2 ms each at 1 Mbit/s: of a back-to-back burst, one is sent at once and
        // queue + 1 wait; the rest are tail-dropped (a few more get in if the burst itself takes some 8 ms slots).
        let options = JobNetworkOptions(scenario: "simple-p2p --delay=1ms --bandwidth=1Mbps --queue=10")
        try await withJobNetwork(label: "queue", options: options, logger: testLogger) { net in
            let report = try await Probe.transfer(
                net, from: .client, to: .server, address: Self.server4, count: 100, size: 1000, pps: 0)
            let seqs = Probe.seqs(report)
            #expect((12...20).contains(seqs.count), "received \(seqs.count) of a 100-packet burst")
            #expect(Array(seqs.prefix(12)) == Array(1...12), "drop-tail keeps the head of the burst")
        }
    }

    @Test func dropRateLosesAboutTheRateAndNeverMoreThanTheBurst() async throws {
        let options = JobNetworkOptions(
            scenario: "drop-rate --delay=5ms --bandwidth=10Mbps --queue=25 --rate_to_server=30 --rate_to_client=0 "
                + "--burst_to_server=3",
            seed: 11)
        try await withJobNetwork(label: "droprate", options: options, logger: testLogger) { net in
            let report = try await Probe.transfer(
                net, from: .client, to: .server, address: Self.server4, count: 2000, size: 200, pps: 1000)
            let missing = Probe.missing(report, count: 2000)
            #expect((440...680).contains(missing.count), "lost \(missing.count) of 2000 at 30 %")
            #expect(Probe.longestRun(missing) <= 3)
            let back = try await Probe.transfer(
                net, from: .server, to: .client, address: Self.client4, count: 300, size: 200, pps: 1000, idle: 0.5)
            #expect(Probe.missing(back, count: 300).isEmpty, "rate_to_client=0 loses nothing")
        }
    }

    @Test func theSameSeedReplaysTheSameDropPattern() async throws {
        func missing(seed: UInt64) async throws -> [Int] {
            let options = JobNetworkOptions(
                scenario: "drop-rate --delay=2ms --bandwidth=10Mbps --queue=25 --rate_to_server=10 --rate_to_client=0",
                seed: seed)
            return try await withJobNetwork(label: "replay", options: options, logger: testLogger) { net in
                Probe.missing(
                    try await Probe.transfer(
                        net, from: .client, to: .server, address: Self.server4, count: 400, pps: 500, idle: 0.5),
                    count: 400)
            }
        }
        let first = try await missing(seed: 99)
        #expect(!first.isEmpty)
        #expect(try await missing(seed: 99) == first)
        #expect(try await missing(seed: 100) != first)
    }

    @Test func corruptRateChangesPayloadsButDeliversThem() async throws {
        let options = JobNetworkOptions(
            scenario: "corrupt-rate --delay=5ms --bandwidth=10Mbps --queue=25 --rate_to_server=30 --rate_to_client=0 "
                + "--burst_to_server=3",
            seed: 3)
        try await withJobNetwork(label: "corrupt", options: options, logger: testLogger) { net in
            let report = try await Probe.transfer(
                net, from: .client, to: .server, address: Self.server4, count: 1000, size: 200, pps: 1000)
            let seqs = Probe.seqs(report)
            let corrupted = report["corrupted"] as? [Int] ?? []
            // Corrupted datagrams still arrive: the simulator recomputes the UDP checksum as ns-3 does. A
            // corrupted sequence number can show up as a "missing" one, so count arrivals, not numbers.
            #expect(seqs.count == 1000)
            #expect((200...380).contains(corrupted.count), "corrupted \(corrupted.count) of 1000 at 30 %")
        }
    }

    @Test func blackholeDropsOneDirectionForTheOffTime() async throws {
        let options = JobNetworkOptions(
            scenario: "blackhole --delay=5ms --bandwidth=10Mbps --queue=25 --on=2s --off=1s --direction=toserver")
        try await withJobNetwork(label: "blackhole", options: options, logger: testLogger) { net in
            // The senders start about a second after the simulator and send for four seconds, so the blackhole
            // (simulator time 2 s to 3 s) falls inside.
            async let toServer = Probe.transfer(
                net, from: .client, to: .server, address: Self.server4, count: 400, size: 200, pps: 100, idle: 3)
            async let toClient = Probe.transfer(
                net, from: .server, to: .client, address: Self.client4, port: 6001, count: 400, size: 200, pps: 100,
                idle: 3)
            let missing = Probe.missing(try await toServer, count: 400)
            // 1 s at (at most) 100 packets/s, one contiguous gap.
            #expect((70...110).contains(missing.count), "lost \(missing.count) towards the server")
            #expect(Probe.longestRun(missing) == missing.count, "the loss is one contiguous blackhole")
            #expect(Probe.missing(try await toClient, count: 400).isEmpty, "toclient is not blackholed")
        }
    }

    @Test func droplistDropsExactlyTheListedPackets() async throws {
        let options = JobNetworkOptions(
            scenario: "droplist --delay=5ms --bandwidth=10Mbps --queue=25 --drops_to_server=2,3,5 --drops_to_client=1")
        try await withJobNetwork(label: "droplist", options: options, logger: testLogger) { net in
            let up = try await Probe.transfer(
                net, from: .client, to: .server, address: Self.server4, count: 10, pps: 50, idle: 0.5)
            #expect(Probe.missing(up, count: 10) == [2, 3, 5])
            let down = try await Probe.transfer(
                net, from: .server, to: .client, address: Self.client4, count: 5, pps: 50, idle: 0.5)
            #expect(Probe.missing(down, count: 5) == [1])
        }
    }

    @Test(arguments: [false, true])
    func rebindShowsTheServerNewSourcesAndRepliesStillArrive(changesAddress: Bool) async throws {
        let scenario =
            "rebind --delay=5ms --bandwidth=10Mbps --queue=25 --first-rebind=1s --rebind-freq=1s"
            + (changesAddress ? " --rebind-addr" : "")
        try await withJobNetwork(
            label: "rebind", options: JobNetworkOptions(scenario: scenario, seed: 21), logger: testLogger
        ) { net in
            let (ping, echo) = try await Probe.pingEcho(net, address: Self.server4, count: 30, interval: 0.1)
            let sources = (echo["sources"] as? [String: Int] ?? [:]).keys
            let ports = Set(sources.compactMap { $0.split(separator: ":").last.map(String.init) })
            let addresses = Set(sources.compactMap { $0.split(separator: ":").first.map(String.init) })
            #expect(ports.count >= 3, "server saw sources \(sources.sorted())")
            if changesAddress {
                #expect(addresses.count >= 3)
                #expect(addresses.allSatisfy { $0.hasPrefix(SimulatorAddressing.leftIPv4Prefix + ".") })
            } else {
                #expect(addresses == [Self.client4])
            }
            #expect((ping["replies"] as? Int ?? 0) >= 27, "replies reach the client through the NAT")
        }
    }

    @Test func simulatorWritesCapturesAndItsSeed() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("qir-sim-\(getpid())").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let options = JobNetworkOptions(
            scenario: "simple-p2p --delay=2ms --bandwidth=10Mbps --queue=25", seed: 1234,
            simulatorLogDirectory: directory)
        try await withJobNetwork(label: "pcap", options: options, logger: testLogger) { net in
            _ = try await Probe.transfer(
                net, from: .client, to: .server, address: Self.server4, count: 20, pps: 100, idle: 0.5)
        }
        let output = try String(contentsOfFile: directory + "/output.txt", encoding: .utf8)
        #expect(output.contains("interop-sim: seed 1234"))
        for (name, interface) in [(SimulatorCapture.clientSide, "eth0"), (SimulatorCapture.serverSide, "eth1")] {
            let data = try Data(contentsOf: URL(fileURLWithPath: directory + "/" + name))
            try #require(data.count > 88 + 20 * 32)
            #expect(Array(data.prefix(4)) == [0x0A, 0x0D, 0x0D, 0x0A], "pcapng section header")
            // The interface description (after the 48-byte section header): Ethernet, named after the interface.
            #expect(Array(data[48..<50]) == [1, 0], "block type IDB")
            #expect(data[56] == 1, "link type Ethernet")
            #expect(String(decoding: data[68..<72], as: UTF8.self) == interface)
            // The first Enhanced Packet Block's frame is Ethernet carrying IPv4 or IPv6.
            #expect(data[88] == 6, "block type EPB")
            let etherType = UInt16(data[88 + 28 + 12]) << 8 | UInt16(data[88 + 28 + 13])
            #expect([0x0800, 0x86DD].contains(etherType))
        }
    }
}
