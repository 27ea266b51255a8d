/// A parsed scenario string of upstream's `quic-network-simulator`, e.g.
/// `drop-rate --delay=15ms --bandwidth=10Mbps --queue=25 --rate_to_server=2 --rate_to_client=2`.
///
/// Every scenario is a point-to-point bottleneck (`link`) plus at most one impairment that ns-3 applies as a
/// receive error model on the device at the far end of the link, i.e. after queueing, serialisation and delay.
public struct Scenario: Sendable, Equatable {
    /// Upstream's scenario name, e.g. `simple-p2p`.
    public var name: String
    /// The bottleneck, the same in both directions.
    public var link: LinkParameters
    /// What happens to packets after the link.
    public var impairment: Impairment

    /// Creates a scenario from its parts.
    public init(name: String, link: LinkParameters, impairment: Impairment) {
        self.name = name
        self.link = link
        self.impairment = impairment
    }

    /// The scenario names this simulator accepts, as upstream spells them.
    public static let knownNames = ["simple-p2p", "drop-rate", "corrupt-rate", "blackhole", "droplist", "rebind"]
}

/// The point-to-point link of every scenario (ns-3 `PointToPointHelper` plus a drop-tail queue).
public struct LinkParameters: Sendable, Equatable {
    /// One-way propagation delay (`--delay`).
    public var delay: Duration
    /// Serialisation rate in bit/s (`--bandwidth`); counts the IP packet plus ns-3's 2-byte PPP header.
    public var bitsPerSecond: UInt64
    /// Queue capacity in packets (`--queue`), per direction.
    public var queuePackets: Int

    /// Creates link parameters.
    public init(delay: Duration, bitsPerSecond: UInt64, queuePackets: Int) {
        self.delay = delay
        self.bitsPerSecond = bitsPerSecond
        self.queuePackets = queuePackets
    }
}

/// The error model a scenario installs after the link.
public enum Impairment: Sendable, Equatable {
    /// `simple-p2p`: nothing beyond the link.
    case none
    /// `drop-rate`: drops UDP packets with a percentage, at most `burst` in a row.
    case dropRate(toClient: RateImpairment, toServer: RateImpairment)
    /// `corrupt-rate`: changes one byte of the UDP payload with a percentage, at most `burst` in a row.
    case corruptRate(toClient: RateImpairment, toServer: RateImpairment)
    /// `blackhole`: drops every packet of the chosen directions during the off phases.
    case blackhole(BlackholeSchedule)
    /// `droplist`: drops the UDP packets with these 1-based indices (counted per direction after the link).
    case droplist(toClient: Set<Int>, toServer: Set<Int>)
    /// `rebind`: a NAT that gives client flows new source ports (and address) at scheduled times.
    case rebind(RebindSchedule)
}

/// A percentage-based impairment of one direction (`--rate_to_*`, `--burst_to_*`).
public struct RateImpairment: Sendable, Equatable {
    /// Integer percentage 0...100 compared against a uniform draw from 0...99, as ns-3's model does.
    public var percent: Int
    /// The longest run of impaired packets; after it one packet passes. `Int.max` when not given.
    public var maxBurst: Int

    /// Creates a rate impairment.
    public init(percent: Int, maxBurst: Int = .max) {
        self.percent = percent
        self.maxBurst = maxBurst
    }
}

/// The on/off schedule of the `blackhole` scenario.
public struct BlackholeSchedule: Sendable, Equatable {
    /// Which directions lose their packets (`--direction`).
    public enum Direction: String, Sendable, CaseIterable {
        case both
        case toClient = "toclient"
        case toServer = "toserver"
    }

    /// Time the link works before each blackhole (`--on`).
    public var on: Duration
    /// Duration of each blackhole (`--off`).
    public var off: Duration
    /// Number of blackholes (`--repeat`, default 1).
    public var repeats: Int
    /// Affected directions.
    public var direction: Direction

    /// Creates a schedule.
    public init(on: Duration, off: Duration, repeats: Int = 1, direction: Direction = .both) {
        self.on = on
        self.off = off
        self.repeats = repeats
        self.direction = direction
    }

    /// Whether the blackhole is active `elapsed` after the simulator started: in
    /// `[on + k·(on+off), (k+1)·(on+off))` for some `k < repeats`, matching upstream's enable/disable events.
    public func isActive(at elapsed: Duration) -> Bool {
        let interval = on + off
        guard interval > .zero, elapsed >= .zero else { return false }
        let k = Int(elapsed / interval)
        guard k < repeats else { return false }
        return elapsed - interval * k >= on
    }
}

/// The schedule of the `rebind` scenario.
public struct RebindSchedule: Sendable, Equatable {
    /// Time of the first rebind (`--first-rebind`).
    public var first: Duration
    /// Interval of further rebinds (`--rebind-freq`); `nil` or zero for a single rebind.
    public var frequency: Duration?
    /// Whether the client's address changes too (`--rebind-addr`).
    public var changesAddress: Bool

    /// Creates a schedule.
    public init(first: Duration, frequency: Duration? = nil, changesAddress: Bool = false) {
        self.first = first
        self.frequency = frequency
        self.changesAddress = changesAddress
    }
}
