import Testing

@testable import NetworkSimulator

@Suite struct ScenarioParsingTests {
    @Test func simpleP2PUsesNs3Units() throws {
        let scenario = try Scenario(parsing: "simple-p2p --delay=15ms --bandwidth=10Mbps --queue=25")
        #expect(scenario.name == "simple-p2p")
        #expect(scenario.link == LinkParameters(delay: .milliseconds(15), bitsPerSecond: 10_000_000, queuePackets: 25))
        #expect(scenario.impairment == .none)
    }

    @Test func upstreamTestCaseScenariosParse() throws {
        let dropRate = try Scenario(
            parsing: "drop-rate --delay=15ms --bandwidth=10Mbps --queue=25 --rate_to_server=30 --rate_to_client=30 "
                + "--burst_to_server=3 --burst_to_client=3")
        #expect(
            dropRate.impairment
                == .dropRate(
                    toClient: RateImpairment(percent: 30, maxBurst: 3),
                    toServer: RateImpairment(percent: 30, maxBurst: 3)))
        let corrupt = try Scenario(
            parsing: "corrupt-rate --delay=15ms --bandwidth=10Mbps --queue=25 --rate_to_server=2 --rate_to_client=2")
        #expect(
            corrupt.impairment
                == .corruptRate(toClient: RateImpairment(percent: 2), toServer: RateImpairment(percent: 2)))
        let blackhole = try Scenario(parsing: "blackhole --delay=15ms --bandwidth=10Mbps --queue=25 --on=5s --off=2s")
        #expect(blackhole.impairment == .blackhole(BlackholeSchedule(on: .seconds(5), off: .seconds(2))))
        let droplist = try Scenario(
            parsing: "droplist --delay=15ms --bandwidth=10Mbps --queue=25 --drops_to_server=2,3,4,5,6,7")
        #expect(droplist.impairment == .droplist(toClient: [], toServer: [2, 3, 4, 5, 6, 7]))
        let rebind = try Scenario(
            parsing:
                "rebind --delay=15ms --bandwidth=10Mbps --queue=25 --first-rebind=1s --rebind-freq=5s --rebind-addr")
        #expect(
            rebind.impairment
                == .rebind(RebindSchedule(first: .seconds(1), frequency: .seconds(5), changesAddress: true)))
        let longRTT = try Scenario(parsing: "simple-p2p --delay=750ms --bandwidth=10Mbps --queue=25")
        #expect(longRTT.link.delay == .milliseconds(750))
    }

    @Test func blackholeOptionsAndDefaults() throws {
        let scenario = try Scenario(
            parsing:
                "blackhole --delay=1ms --bandwidth=1Gbps --queue=5 --on=1s --off=500ms --repeat=3 --direction=toclient")
        #expect(
            scenario.impairment
                == .blackhole(
                    BlackholeSchedule(on: .seconds(1), off: .milliseconds(500), repeats: 3, direction: .toClient)))
        #expect(scenario.link.bitsPerSecond == 1_000_000_000)
    }

    @Test(arguments: [
        ("", ScenarioError.Code.empty),
        ("tcp-cross-traffic --delay=15ms --bandwidth=10Mbps --queue=25", .unknownScenario),
        ("simple-p2p --delay=15ms --bandwidth=10Mbps --queue=25 --loss=3", .unknownFlag),
        ("simple-p2p --delay=15ms --bandwidth=10Mbps", .missingFlag),
        ("simple-p2p --delay=15 ms --bandwidth=10Mbps --queue=25", .invalidValue),
        ("simple-p2p --delay=15parsecs --bandwidth=10Mbps --queue=25", .invalidValue),
        ("simple-p2p --delay=15ms --bandwidth=fast --queue=25", .invalidValue),
        ("simple-p2p --delay=15ms --bandwidth=10Mbps --queue=0", .invalidValue),
        ("drop-rate --delay=15ms --bandwidth=10Mbps --queue=25 --rate_to_server=2", .missingFlag),
        ("drop-rate --delay=15ms --bandwidth=10Mbps --queue=25 --rate_to_server=2.5 --rate_to_client=2", .invalidValue),
        ("drop-rate --delay=15ms --bandwidth=10Mbps --queue=25 --rate_to_server=101 --rate_to_client=2", .invalidValue),
        ("blackhole --delay=15ms --bandwidth=10Mbps --queue=25 --on=1s --off=1s --direction=up", .invalidValue),
        ("blackhole --delay=15ms --bandwidth=10Mbps --queue=25 --on=1s --off=1s --repeat=0", .invalidValue),
        ("droplist --delay=15ms --bandwidth=10Mbps --queue=25 --drops_to_server=0,1", .invalidValue),
        ("rebind --delay=15ms --bandwidth=10Mbps --queue=25", .missingFlag),
        ("rebind --delay=15ms --bandwidth=10Mbps --queue=25 --first-rebind=0s --rebind-freq=1s", .invalidValue),
    ])
    func badScenariosAreClearErrors(text: String, code: ScenarioError.Code) {
        #expect {
            try Scenario(parsing: text)
        } throws: { error in
            guard let error = error as? ScenarioError else { return false }
            return error.code == code && !error.message.isEmpty
        }
    }

    @Test func unknownFlagMessageNamesFlagAndScenario() {
        do {
            _ = try Scenario(parsing: "droplist --delay=15ms --bandwidth=10Mbps --queue=25 --drops=1")
            Issue.record("expected an error")
        } catch {
            #expect(error.message.contains("--drops"))
            #expect(error.message.contains("droplist"))
        }
    }

    @Test func blackholeScheduleMatchesUpstreamEvents() {
        // Upstream enables at on + k(on+off) and disables at (k+1)(on+off), `repeat` times.
        let schedule = BlackholeSchedule(on: .seconds(5), off: .seconds(2), repeats: 2)
        #expect(!schedule.isActive(at: .milliseconds(4999)))
        #expect(schedule.isActive(at: .seconds(5)))
        #expect(schedule.isActive(at: .milliseconds(6999)))
        #expect(!schedule.isActive(at: .seconds(7)))
        #expect(schedule.isActive(at: .seconds(12)))
        #expect(!schedule.isActive(at: .seconds(14)))
        #expect(!schedule.isActive(at: .seconds(19)))
    }

    @Test func dataRatesAndTimes() {
        #expect(UnitParser.dataRate("10Mbps") == 10_000_000)
        #expect(UnitParser.dataRate("500kbps") == 500_000)
        #expect(UnitParser.dataRate("1Gb/s") == 1_000_000_000)
        #expect(UnitParser.dataRate("1MBps") == 8_000_000)
        #expect(UnitParser.duration("2") == .seconds(2))
        #expect(UnitParser.duration("250us") == .microseconds(250))
        #expect(UnitParser.duration("1.5s") == .milliseconds(1500))
        #expect(UnitParser.duration("-1s") == nil)
    }
}
