import NetworkSimulator
import TestCatalog

/// How long a job is expected to take, from its test's scenario, file sizes and timeout alone, to balance shards.
///
/// Jobs wait on the simulated link more than on the CPU. Fitted to the main job's test cases (2 to 50 s each): a
/// fixed start-up; six round trips (handshake and close); the files' bytes at about 70 % of the link's rate,
/// divided again by `1 + loss%` (loss or corruption collapses the endpoints' throughput: 2 % triples a transfer);
/// 5 ms per file plus `loss%²` ms (at 30 % loss each of fifty one-file connections takes about a second); a
/// blackhole's dark time; a second for a dropped handshake (`droplist`). Never more than the timeout. Integer
/// milliseconds only, so every machine computes the same partition.
enum ExpectedDuration {
    /// Namespaces, simulator, certificates, both endpoints' start and the checks.
    static let startup: Int64 = 2_600

    /// The expected milliseconds of one job of `entry`.
    static func milliseconds(of entry: TestEntry) -> Int64 {
        let sizes = payloadSizes(of: entry.test)
        let bytes = Int64(sizes.reduce(0, +))
        let files = Int64(sizes.count)
        var rate: Int64 = 10_000_000
        var delay: Int64 = 15
        var loss: Int64 = 0
        var extra: Int64 = 0
        // A scenario the simulator refuses fails the job at once; the default link is as good a guess as any.
        if let scenario = try? Scenario(parsing: entry.test.scenario) {
            rate = Int64(max(1, scenario.link.bitsPerSecond))
            delay = milliseconds(scenario.link.delay)
            switch scenario.impairment {
            case .dropRate(let toClient, let toServer), .corruptRate(let toClient, let toServer):
                loss = Int64(max(toClient.percent, toServer.percent))
            case .blackhole(let schedule):
                extra = milliseconds(schedule.off) * Int64(schedule.repeats)
            case .droplist:
                extra = 1_000
            case .none, .rebind:
                break
            }
        }
        let roundTrips = 6 * 2 * delay
        let transfer = bytes * 8 * 1_000 / rate * 144 / 100 * (1 + loss)
        let perFile = files * (5 + loss * loss)
        return min(startup + roundTrips + transfer + perFile + extra, milliseconds(entry.timeout))
    }

    /// The sizes of the files a test moves.
    static func payloadSizes(of test: any TestCase) -> [Int] {
        switch test {
        case let quic as any QUICTestCase: quic.fileSizes
        case let webTransport as any WebTransportTransfer: webTransport.transferSizes
        default: []
        }
    }

    /// Whole milliseconds of `duration`.
    static func milliseconds(_ duration: Duration) -> Int64 {
        let parts = duration.components
        return parts.seconds * 1_000 + parts.attoseconds / 1_000_000_000_000_000
    }
}
