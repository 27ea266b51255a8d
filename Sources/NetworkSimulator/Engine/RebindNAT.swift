import Results

/// The NAT of upstream's `rebind` scenario (`RebindErrorModel`): client flows keep a binding from their source
/// port to a NAT port; at each rebind every binding gets a fresh random port (and, with `--rebind-addr`, the NAT
/// address a fresh host number in the client's /24). Only IPv4 UDP between client and server passes, as upstream.
struct RebindNAT {
    private let schedule: RebindSchedule
    private var generator: SeededGenerator
    private let client = IPAddress(SimulatorAddressing.clientIPv4).unsafelyUnwrapped
    private let server = IPAddress(SimulatorAddressing.serverIPv4).unsafelyUnwrapped
    private var nat: IPAddress
    /// Client port → NAT port, in first-seen order (ns-3 iterates its map in key order; order only affects which
    /// random port each flow gets).
    private var forward: [UInt16: UInt16] = [:]
    /// NAT port → client port; 0 marks a retired NAT port that must not be reused.
    private var reverse: [UInt16: UInt16] = [:]
    private var nextRebind: Duration?

    /// Creates the NAT with no bindings; the NAT address starts as the client's.
    init(schedule: RebindSchedule, generator: SeededGenerator) {
        self.schedule = schedule
        self.generator = generator
        nat = client
        nextRebind = schedule.first
    }

    /// Performs every rebind due at `elapsed`.
    mutating func advance(to elapsed: Duration, log: (String) -> Void) {
        while let due = nextRebind, due <= elapsed {
            rebind(at: due, log: log)
            if let frequency = schedule.frequency, frequency > .zero {
                nextRebind = due + frequency
            } else {
                nextRebind = nil
            }
        }
    }

    private mutating func rebind(at time: Duration, log: (String) -> Void) {
        let oldNAT = nat
        if schedule.changesAddress {
            repeat {
                let host = generator.uniform(in: UInt32(1)...0xFE)
                nat = IPAddress(ipv4: oldNAT.ipv4Value & 0xFFFF_FF00 | host)
            } while nat == oldNAT || nat == client
        }
        for clientPort in forward.keys.sorted() {
            let oldPort = forward[clientPort].unsafelyUnwrapped
            var newPort: UInt16
            repeat { newPort = generator.uniform(in: 1...UInt16.max) } while reverse[newPort] != nil
            forward[clientPort] = newPort
            reverse[newPort] = clientPort
            reverse[oldPort] = 0
            log("\(ImpairmentModel.seconds(time))s: rebinding: \(oldNAT):\(oldPort) -> \(nat):\(newPort)")
        }
        if forward.isEmpty { log("\(ImpairmentModel.seconds(time))s: rebind (no flows yet), NAT address \(nat)") }
    }

    /// Rewrites a UDP packet: client → server gets the NAT source, server → client the client destination.
    /// Returns `false` for packets upstream drops (unknown binding or source, IPv6).
    mutating func translate(_ frame: Frame, log: (String) -> Void) -> Bool {
        let source = frame.source
        if source == client {
            let port = frame.sourcePort
            if forward[port] == nil {
                forward[port] = port
                reverse[port] = port
            }
            frame.sourcePort = forward[port].unsafelyUnwrapped
            frame.source = nat
        } else if source == server {
            guard let clientPort = reverse[frame.destinationPort], clientPort != 0 else {
                log("unknown binding for destination \(frame.destination):\(frame.destinationPort), dropping packet")
                return false
            }
            frame.destination = client
            frame.destinationPort = clientPort
        } else {
            log("unknown source \(source), dropping packet")
            return false
        }
        frame.updateIPv4HeaderChecksum()
        frame.updateUDPChecksum()
        return true
    }
}
