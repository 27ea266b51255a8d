import Results
import Testing

@testable import NetworkSimulator

@Suite struct EngineModelTests {
    @Test func linkQueueSerialisesAtRateAndDelays() {
        // 10 Mbit/s: 1250 link bytes take exactly 1 ms; 15 ms propagation.
        var queue = LinkQueue(
            link: LinkParameters(delay: .milliseconds(15), bitsPerSecond: 10_000_000, queuePackets: 25), ringSize: 64)
        let result1 = queue.enqueue(slot: 0, length: 1262, linkBytes: 1250, now: 0)
        #expect(result1)
        let result2 = queue.enqueue(slot: 1, length: 1262, linkBytes: 1250, now: 0)
        #expect(result2)
        #expect(queue.nextArrival == 16_000_000)
        let result3 = queue.dequeueArrived(now: 15_999_999)
        #expect(result3 == nil)
        let result4 = queue.dequeueArrived(now: 16_000_000)?.slot
        #expect(result4 == 0)
        #expect(queue.nextArrival == 17_000_000)
    }

    @Test func linkQueueDropsTailBeyondQueuePlusDeviceSlot() {
        var queue = LinkQueue(
            link: LinkParameters(delay: .zero, bitsPerSecond: 1_000_000, queuePackets: 3), ringSize: 64)
        // One packet starts transmitting at once; queue (3) + device queue (1) hold four more.
        let accepted = (0..<10).filter { queue.enqueue(slot: Int32($0), length: 100, linkBytes: 1000, now: 0) }
        #expect(accepted == [0, 1, 2, 3, 4])
        #expect(queue.queueDrops == 5)
        // After the first transmission ends (8 ms) the next starts, freeing one place.
        let result5 = queue.enqueue(slot: 20, length: 100, linkBytes: 1000, now: 8_000_001)
        #expect(result5)
        let result6 = queue.enqueue(slot: 21, length: 100, linkBytes: 1000, now: 8_000_001)
        #expect(!result6)
    }

    @Test func dropRateNeverExceedsBurstAndIsReproducible() {
        let frame = FrameBuilder.udp4(
            from: SimulatorAddressing.clientIPv4, 1000, to: SimulatorAddressing.serverIPv4, 443, payload: [1, 2, 3])
        func pattern(seed: UInt64) -> [Bool] {
            var model = ImpairmentModel(
                impairment: .dropRate(
                    toClient: RateImpairment(percent: 0), toServer: RateImpairment(percent: 60, maxBurst: 3)),
                seed: seed)
            return (0..<5000).map { _ in
                var forwarded = false
                _ = FrameBuilder.withFrame(frame) { forwarded = model.process($0, direction: .toServer, log: { _ in }) }
                return forwarded
            }
        }
        let first = pattern(seed: 42)
        #expect(first == pattern(seed: 42))
        #expect(first != pattern(seed: 43))
        var run = 0
        var longest = 0
        for forwarded in first {
            run = forwarded ? 0 : run + 1
            longest = max(longest, run)
        }
        #expect(longest == 3)
        let lost = first.filter { !$0 }.count
        #expect(lost > 2000 && lost < 3200)
    }

    @Test func droplistDropsExactUDPIndicesPerDirection() {
        var model = ImpairmentModel(impairment: .droplist(toClient: [1], toServer: [2, 4]), seed: 1)
        let frame = FrameBuilder.udp4(
            from: SimulatorAddressing.clientIPv4, 1000, to: SimulatorAddressing.serverIPv4, 443, payload: [0])
        var fates: [Bool] = []
        for _ in 1...5 {
            _ = FrameBuilder.withFrame(frame) { fates.append(model.process($0, direction: .toServer, log: { _ in })) }
        }
        #expect(fates == [true, false, true, false, true])
        var reverse = true
        _ = FrameBuilder.withFrame(frame) { reverse = model.process($0, direction: .toClient, log: { _ in }) }
        #expect(!reverse)
    }

    @Test func corruptionChangesOnePayloadByteAndKeepsChecksumsValid() {
        var model = ImpairmentModel(
            impairment: .corruptRate(toClient: RateImpairment(percent: 100), toServer: RateImpairment(percent: 100)),
            seed: 5)
        let payload = (0..<200).map { UInt8($0 & 0xFF) | 0x80 }
        let frame = FrameBuilder.udp4(
            from: SimulatorAddressing.serverIPv4, 443, to: SimulatorAddressing.clientIPv4, 1000, payload: payload)
        let corrupted = FrameBuilder.withFrame(frame) { frame in
            let forwarded = model.process(frame, direction: .toClient, log: { _ in })
            #expect(forwarded)
        }
        let differences = zip(frame, corrupted).enumerated().filter { $0.element.0 != $0.element.1 }.map(\.offset)
        // One payload byte within the first 51, plus the UDP checksum field.
        let payloadChanges = differences.filter { $0 >= 42 }
        #expect(payloadChanges.count == 1)
        #expect(payloadChanges.allSatisfy { $0 <= 42 + 50 })
        #expect(FrameBuilder.checksumsValid(corrupted))
    }

    @Test func versionNegotiationIsNeverCorrupted() {
        var model = ImpairmentModel(
            impairment: .corruptRate(toClient: RateImpairment(percent: 100), toServer: RateImpairment(percent: 100)),
            seed: 5)
        let frame = FrameBuilder.udp4(
            from: SimulatorAddressing.serverIPv4, 443, to: SimulatorAddressing.clientIPv4, 1000,
            payload: [0x80, 0, 0, 0, 0, 8, 1, 2, 3, 4])
        let unchanged = FrameBuilder.withFrame(frame) { _ = model.process($0, direction: .toClient, log: { _ in }) }
        #expect(unchanged == frame)
    }

    @Test func rebindGivesNewPortsAndMapsRepliesBack() {
        var nat = RebindNAT(
            schedule: RebindSchedule(first: .seconds(1), frequency: .seconds(1), changesAddress: true),
            generator: SeededGenerator(seed: 9))
        let request = FrameBuilder.udp4(
            from: SimulatorAddressing.clientIPv4, 5555, to: SimulatorAddressing.serverIPv4, 443, payload: [1, 2, 3])
        let before = FrameBuilder.withFrame(request) { frame in
            let translated = nat.translate(frame, log: { _ in })
            #expect(translated)
        }
        #expect(before == request)
        nat.advance(to: .seconds(1), log: { _ in })
        var natPort: UInt16 = 0
        var natAddress = IPAddress(ipv4: 0)
        let after = FrameBuilder.withFrame(request) { frame in
            let result7 = nat.translate(frame, log: { _ in })
            #expect(result7)
            natPort = frame.sourcePort
            natAddress = frame.source
        }
        #expect(natPort != 5555)
        #expect(natAddress != IPAddress(SimulatorAddressing.clientIPv4)!)
        #expect(natAddress.ipv4Value & 0xFFFF_FF00 == IPAddress(SimulatorAddressing.leftIPv4Prefix + ".0")!.ipv4Value)
        #expect(FrameBuilder.checksumsValid(after))
        let reply = FrameBuilder.udp4(
            from: SimulatorAddressing.serverIPv4, 443, to: natAddress.description, natPort, payload: [4, 5, 6])
        let delivered = FrameBuilder.withFrame(reply) { frame in
            let result8 = nat.translate(frame, log: { _ in })
            #expect(result8)
            #expect(frame.destination == IPAddress(SimulatorAddressing.clientIPv4)!)
            #expect(frame.destinationPort == 5555)
        }
        #expect(FrameBuilder.checksumsValid(delivered))
        // The retired binding is unknown now: upstream drops such replies.
        let stale = FrameBuilder.udp4(
            from: SimulatorAddressing.serverIPv4, 443, to: SimulatorAddressing.clientIPv4, 5555, payload: [7])
        _ = FrameBuilder.withFrame(stale) { frame in
            let translated = nat.translate(frame, log: { _ in })
            #expect(!translated)
        }
    }

    @Test func hopLimitDecrementKeepsHeaderChecksum() {
        let frame = FrameBuilder.udp4(
            from: SimulatorAddressing.clientIPv4, 1, to: SimulatorAddressing.serverIPv4, 2, payload: [9], ttl: 64)
        let forwarded = FrameBuilder.withFrame(frame) { #expect($0.decrementHopLimit(routers: 2)) }
        #expect(forwarded[22] == 62)
        #expect(FrameBuilder.checksumsValid(forwarded))
        let expiring = FrameBuilder.udp4(
            from: SimulatorAddressing.clientIPv4, 1, to: SimulatorAddressing.serverIPv4, 2, payload: [9], ttl: 2)
        _ = FrameBuilder.withFrame(expiring) { #expect(!$0.decrementHopLimit(routers: 2)) }
    }

    @Test func addressesParseAndPrint() {
        #expect(IPAddress("fd00:1:2:0::100")?.description == "fd00:1:2:0:0:0:0:100")
        #expect(IPAddress(SimulatorAddressing.simRightIPv4)?.description == SimulatorAddressing.simRightIPv4)
        #expect(IPAddress(SimulatorAddressing.simRightIPv4)?.isIPv4 == true)
        #expect(IPAddress("fd00::1::2") == nil)
        #expect(IPAddress("1.2.3") == nil)
        #expect(MACAddress("02:51:00:00:64:02")?.description == "02:51:00:00:64:02")
    }
}
