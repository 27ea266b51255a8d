import Results

/// Applies a scenario's ``Impairment`` to packets as they leave the link, with ns-3's per-packet semantics and a
/// seeded generator per direction. Writes one line per impairing event to `log`.
struct ImpairmentModel {
    private let impairment: Impairment
    private var toServer: DirectionState
    private var toClient: DirectionState
    private var nat: RebindNAT?
    private var blackholeWasActive = false
    /// Counts of packets dropped by the impairment (not by the queue), per direction.
    private(set) var dropped: [LinkDirection: Int] = [.toServer: 0, .toClient: 0]
    /// Counts of packets corrupted, per direction.
    private(set) var corrupted: [LinkDirection: Int] = [.toServer: 0, .toClient: 0]

    /// State of one direction's error model.
    private struct DirectionState {
        var generator: SeededGenerator
        var inARow = 0
        var udpPackets = 0
    }

    /// Creates the model; each direction (and the NAT) draws from its own stream of `seed`.
    init(impairment: Impairment, seed: UInt64) {
        self.impairment = impairment
        toServer = DirectionState(generator: SeededGenerator(seed: seed, stream: 1))
        toClient = DirectionState(generator: SeededGenerator(seed: seed, stream: 2))
        if case .rebind(let schedule) = impairment {
            nat = RebindNAT(schedule: schedule, generator: SeededGenerator(seed: seed, stream: 3))
        }
    }

    /// Runs time-driven events (rebinds, blackhole transitions) due at `elapsed` since the start.
    mutating func advance(to elapsed: Duration, log: (String) -> Void) {
        if case .blackhole(let schedule) = impairment {
            let active = schedule.isActive(at: elapsed)
            if active != blackholeWasActive {
                blackholeWasActive = active
                log("\(Self.seconds(elapsed))s: \(active ? "Enabling" : "Disabling") blackhole")
            }
        }
        nat?.advance(to: elapsed, log: log)
    }

    /// Decides the fate of `frame` arriving at the far end of the link in `direction`; may rewrite it.
    /// Returns `false` to drop it.
    mutating func process(_ frame: Frame, direction: LinkDirection, log: (String) -> Void) -> Bool {
        switch impairment {
        case .none:
            return true
        case .blackhole(let schedule):
            let affected =
                schedule.direction == .both
                || (schedule.direction == .toClient) == (direction == .toClient)
            if affected && blackholeWasActive {
                dropped[direction, default: 0] += 1
                return false
            }
            return true
        case .dropRate(let toClientRate, let toServerRate):
            guard frame.isUDP else { return true }
            let rate = direction == .toClient ? toClientRate : toServerRate
            let drop = withState(direction) { Self.decide(rate, &$0) }
            if drop {
                dropped[direction, default: 0] += 1
                log("Dropping \(frame.udpPayload.count) bytes \(Self.endpoints(frame)) (\(direction.rawValue))")
            }
            return !drop
        case .corruptRate(let toClientRate, let toServerRate):
            guard frame.isUDP else { return true }
            let rate = direction == .toClient ? toClientRate : toServerRate
            let payload = frame.udpPayload
            if Self.isVersionNegotiation(frame) {
                withState(direction) { $0.inARow = 0 }
                return true
            }
            let corrupt = withState(direction) { Self.decide(rate, &$0) }
            guard corrupt, payload.count > 0 else { return true }
            let (position, old, new) = withState(direction) { state -> (Int, UInt8, UInt8) in
                let position = state.generator.uniform(in: 0...min(50, payload.count - 1))
                let old = frame.base.load(fromByteOffset: payload.offset + position, as: UInt8.self)
                var new = old
                while new == old { new = state.generator.uniform(in: UInt8.min...UInt8.max) }
                return (position, old, new)
            }
            frame.base.storeBytes(of: new, toByteOffset: payload.offset + position, as: UInt8.self)
            frame.updateUDPChecksum()
            corrupted[direction, default: 0] += 1
            log(
                "Corrupting \(payload.count) bytes \(Self.endpoints(frame)) offset \(position) 0x"
                    + "\(String(old, radix: 16)) -> 0x\(String(new, radix: 16)) (\(direction.rawValue))")
            return true
        case .droplist(let toClientList, let toServerList):
            guard frame.isUDP else { return true }
            let number = withState(direction) { state -> Int in
                state.udpPackets += 1
                return state.udpPackets
            }
            let list = direction == .toClient ? toClientList : toServerList
            guard list.contains(number) else { return true }
            dropped[direction, default: 0] += 1
            log(
                "Dropping packet \(number) (\(frame.udpPayload.count) bytes) from \(frame.source) (\(direction.rawValue))"
            )
            return false
        case .rebind:
            guard frame.isUDP else { return true }
            let forwarded = nat?.translate(frame, log: log) ?? true
            if !forwarded { dropped[direction, default: 0] += 1 }
            return forwarded
        }
    }

    private mutating func withState<T>(_ direction: LinkDirection, _ body: (inout DirectionState) -> T) -> T {
        direction == .toClient ? body(&toClient) : body(&toServer)
    }

    /// ns-3's `DropRateErrorModel`/`CorruptRateErrorModel` decision: after `maxBurst` impaired packets in a row
    /// one passes; otherwise a uniform draw from 0...99 below `percent` impairs.
    private static func decide(_ rate: RateImpairment, _ state: inout DirectionState) -> Bool {
        if state.inARow >= rate.maxBurst {
            state.inARow = 0
            return false
        }
        if state.generator.uniform(in: 0...99) < rate.percent {
            state.inARow += 1
            return true
        }
        state.inARow = 0
        return false
    }

    /// A QUIC Version Negotiation packet (version field zero), which upstream never corrupts.
    private static func isVersionNegotiation(_ frame: Frame) -> Bool {
        let payload = frame.udpPayload
        guard payload.count > 5 else { return false }
        return (1...4).allSatisfy { frame.base.load(fromByteOffset: payload.offset + $0, as: UInt8.self) == 0 }
    }

    /// `source:port -> destination:port` of a UDP frame, for log lines.
    static func endpoints(_ frame: Frame) -> String {
        "\(frame.source):\(frame.sourcePort) -> \(frame.destination):\(frame.destinationPort)"
    }

    /// Seconds with millisecond precision, as upstream's log lines print simulator time.
    static func seconds(_ duration: Duration) -> String {
        let milliseconds = duration / .milliseconds(1)
        return String(Double(Int(milliseconds)) / 1000)
    }
}
