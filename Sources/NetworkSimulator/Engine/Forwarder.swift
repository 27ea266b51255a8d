internal import CNetworkSimulator
import Results

#if canImport(Glibc)
    import Glibc
#endif

/// The simulator's packet engine: one thread that moves frames between the two interfaces through a
/// ``LinkQueue`` per direction and the scenario's ``ImpairmentModel``, capturing both sides.
///
/// The kernel in the simulator namespace has forwarding off and keeps answering ARP/NDP and TCP 57832 for the
/// simulator's own addresses; frames for the other network reach the kernel too but are dropped there, so only
/// this engine forwards.
public final class Forwarder {
    /// A failure that stops the engine (a socket, signal or capture file problem).
    public struct EngineError: Error, CustomStringConvertible {
        /// What failed.
        public var description: String
    }

    /// One interface with its capture and the hosts reachable through it.
    private final class Side {
        let socket: PacketSocket
        let mac: UInt64
        let capture: PcapngWriter?
        let ownAddresses: [IPAddress]
        let ipv4Prefix: UInt32
        let ipv6Prefix: UInt64
        var neighbors: [(IPAddress, UInt64)] = []
        var sendFrames: [UnsafeMutablePointer<UInt8>?] = []
        var sendLengths: [UInt32] = []
        var sendSlots: [Int32] = []

        init(socket: PacketSocket, capture: PcapngWriter?, own: [String], ipv4Prefix: String, ipv6Prefix: String) {
            self.socket = socket
            let m = socket.mac
            mac =
                UInt64(m.0) << 40 | UInt64(m.1) << 32 | UInt64(m.2) << 24 | UInt64(m.3) << 16 | UInt64(m.4) << 8
                | UInt64(m.5)
            self.capture = capture
            ownAddresses = own.compactMap(IPAddress.init)
            self.ipv4Prefix = IPAddress(ipv4Prefix + ".0").unsafelyUnwrapped.ipv4Value
            self.ipv6Prefix = IPAddress(ipv6Prefix + "::").unsafelyUnwrapped.high
        }

        func isLocalSubnet(_ address: IPAddress) -> Bool {
            address.isIPv4 ? address.ipv4Value & 0xFFFF_FF00 == ipv4Prefix : address.high == ipv6Prefix
        }

        func neighbor(_ address: IPAddress) -> UInt64? {
            for entry in neighbors where entry.0 == address { return entry.1 }
            return nil
        }

        func learn(_ address: IPAddress, _ mac: UInt64) {
            for index in neighbors.indices where neighbors[index].0 == address {
                neighbors[index].1 = mac
                return
            }
            neighbors.append((address, mac))
        }
    }

    private let configuration: SimulatorConfiguration
    private let log: (String) -> Void
    private let pool = FramePool(slots: 8192, slotSize: 2048)
    private let batchSize = 64
    private var left: Side
    private var right: Side
    private var toServer: LinkQueue
    private var toClient: LinkQueue
    private var impairment: ImpairmentModel
    private var signalFD: Int32 = -1
    private var listenerFD: Int32 = -1
    private var probeFD: Int32 = -1
    /// The descriptors polled each round: left, right, signals, listener, server probe (-1 = not watched).
    private var watched: [Int32] = [-1, -1, -1, -1, -1]
    private var nextProbe: UInt64 = 0
    private var start: UInt64 = 0
    private var wallOffset: UInt64 = 0
    private var reserved: [Int32] = []
    private var receivePointers: [UnsafeMutablePointer<UInt8>?] = []
    private var receiveLengths: [UInt32] = []
    private var receiveTimestamps: [UInt64] = []
    /// Frames dropped because no MAC address is known for their destination.
    private var unresolved = 0
    /// Frames forwarded towards the server.
    private var forwardedToServer = 0
    /// Frames forwarded towards the client.
    private var forwardedToClient = 0

    /// Opens the interfaces, captures and (optionally) the readiness listener. Blocks SIGTERM and SIGINT in the
    /// calling thread; ``run()`` returns when one arrives.
    public init(configuration: SimulatorConfiguration, log: @escaping (String) -> Void) throws(EngineError) {
        self.configuration = configuration
        self.log = log
        do {
            var leftCapture: PcapngWriter?
            var rightCapture: PcapngWriter?
            if let directory = configuration.captureDirectory {
                leftCapture = try PcapngWriter(
                    path: directory + "/" + SimulatorCapture.clientSide, interface: configuration.leftInterface)
                rightCapture = try PcapngWriter(
                    path: directory + "/" + SimulatorCapture.serverSide, interface: configuration.rightInterface)
            }
            left = Side(
                socket: try PacketSocket(interface: configuration.leftInterface), capture: leftCapture,
                own: [SimulatorAddressing.simLeftIPv4, SimulatorAddressing.simLeftIPv6],
                ipv4Prefix: SimulatorAddressing.leftIPv4Prefix, ipv6Prefix: SimulatorAddressing.leftIPv6Prefix)
            right = Side(
                socket: try PacketSocket(interface: configuration.rightInterface), capture: rightCapture,
                own: [SimulatorAddressing.simRightIPv4, SimulatorAddressing.simRightIPv6],
                ipv4Prefix: SimulatorAddressing.rightIPv4Prefix, ipv6Prefix: SimulatorAddressing.rightIPv6Prefix)
        } catch let error as PacketSocket.SocketError {
            throw EngineError(description: error.description)
        } catch let error as PcapngWriter.WriteError {
            throw EngineError(description: error.description)
        } catch {
            throw EngineError(description: "\(error)")
        }
        for (address, mac) in configuration.neighbors {
            (left.isLocalSubnet(address) ? left : right).learn(address, mac.value)
        }
        toServer = LinkQueue(link: configuration.scenario.link, ringSize: 8192)
        toClient = LinkQueue(link: configuration.scenario.link, ringSize: 8192)
        impairment = ImpairmentModel(impairment: configuration.scenario.impairment, seed: configuration.seed)
        signalFD = qir_termination_signal_fd()
        guard signalFD >= 0 else { throw EngineError(description: "signalfd failed: errno \(-signalFD)") }
        if let server = configuration.waitForServer {
            probeFD = qir_udp_connect(server.address, server.port)
            guard probeFD >= 0 else {
                throw EngineError(
                    description: "cannot probe server \(server.address):\(server.port): errno \(-probeFD)")
            }
        } else {
            try openListener()
        }
    }

    /// Opens the TCP listener endpoints wait for, if configured.
    private func openListener() throws(EngineError) {
        guard configuration.listensForReadiness else { return }
        listenerFD = qir_tcp_listener(SimulatorAddressing.readinessPort)
        guard listenerFD >= 0 else {
            throw EngineError(
                description: "cannot listen on TCP \(SimulatorAddressing.readinessPort): errno \(-listenerFD)")
        }
    }

    /// Sends wait-for-it-quic's probe (a long header with the unknown version "WAIT") when due; when the server
    /// has answered with Version Negotiation, stops probing and opens the listener.
    private func serviceServerProbe(now: UInt64, readable: Bool) throws(EngineError) {
        guard probeFD >= 0, let server = configuration.waitForServer else { return }
        if readable {
            var reply = [UInt8](repeating: 0, count: 1500)
            let count = recv(probeFD, &reply, reply.count, Int32(MSG_DONTWAIT))
            if count >= 5 && reply[1...4].allSatisfy({ $0 == 0 }) {
                close(probeFD)
                probeFD = -1
                let elapsed = ImpairmentModel.seconds(.nanoseconds(Int64(now - start)))
                log("\(server.address):\(server.port) is available after \(elapsed)s")
                try openListener()
                return
            }
        }
        if now - start > UInt64(configuration.waitForServerTimeout / .nanoseconds(1)) {
            throw EngineError(
                description: "timeout occurred after waiting \(configuration.waitForServerTimeout) for "
                    + "\(server.address):\(server.port)")
        }
        if now >= nextProbe {
            var probe: [UInt8] = [0xC0, 0x57, 0x41, 0x49, 0x54, 0, 0] + [UInt8](repeating: 0, count: 1200)
            _ = send(probeFD, &probe, probe.count, 0)
            nextProbe = now + 500_000_000
        }
    }

    deinit {
        if signalFD >= 0 { close(signalFD) }
        if listenerFD >= 0 { close(listenerFD) }
        if probeFD >= 0 { close(probeFD) }
    }

    /// Forwards until SIGTERM or SIGINT, then flushes the captures and logs a summary.
    public func run() throws(EngineError) {
        qir_set_timer_slack_ns(1000)
        start = Self.monotonic()
        var realtime = timespec()
        clock_gettime(CLOCK_REALTIME, &realtime)
        wallOffset = UInt64(realtime.tv_sec) * 1_000_000_000 + UInt64(realtime.tv_nsec) &- start
        nextProbe = start
        while true {
            let now = Self.monotonic()
            try serviceServerProbe(now: now, readable: false)
            impairment.advance(to: .nanoseconds(Int64(now - start)), log: log)
            try emit(from: &toServer, direction: .toServer, to: right, now: now)
            try emit(from: &toClient, direction: .toClient, to: left, now: now)
            var timeout: Int64 =
                probeFD >= 0 ? Int64(min(nextProbe > now ? nextProbe - now : 0, 100_000_000)) : 100_000_000
            if let arrival = toServer.nextArrival { timeout = min(timeout, arrival > now ? Int64(arrival - now) : 0) }
            if let arrival = toClient.nextArrival { timeout = min(timeout, arrival > now ? Int64(arrival - now) : 0) }
            if timeout == 0 { continue }
            // With every slot on the link, the sockets are not read (negative descriptors are skipped) until
            // packets leave; the kernel buffers meanwhile.
            let canReceive = pool.available >= batchSize
            watched[0] = canReceive ? left.socket.fd : -1
            watched[1] = canReceive ? right.socket.fd : -1
            watched[2] = signalFD
            watched[3] = listenerFD
            watched[4] = probeFD
            let mask = watched.withUnsafeBufferPointer { fds in
                qir_wait_readable(fds.baseAddress, Int32(fds.count), timeout)
            }
            guard mask >= 0 else { throw EngineError(description: "ppoll failed: errno \(-mask)") }
            if mask & 4 != 0 { break }
            if listenerFD >= 0, mask & 8 != 0 {
                let connection = accept(listenerFD, nil, nil)
                if connection >= 0 { close(connection) }
            }
            if mask & 16 != 0 { try serviceServerProbe(now: Self.monotonic(), readable: true) }
            if canReceive {
                if mask & 1 != 0 { try receive(on: left, direction: .toServer) }
                if mask & 2 != 0 { try receive(on: right, direction: .toClient) }
            }
        }
        do {
            try left.capture?.flush()
            try right.capture?.flush()
        } catch {
            throw EngineError(description: error.description)
        }
        log(
            "forwarded \(forwardedToServer) to server, \(forwardedToClient) to client; "
                + "queue drops \(toServer.queueDrops) to server, \(toClient.queueDrops) to client; "
                + "impairment drops \(impairment.dropped[.toServer, default: 0]) to server, "
                + "\(impairment.dropped[.toClient, default: 0]) to client; "
                + "corrupted \(impairment.corrupted[.toServer, default: 0]) to server, "
                + "\(impairment.corrupted[.toClient, default: 0]) to client; unresolved \(unresolved)")
    }

    private func receive(on side: Side, direction: LinkDirection) throws(EngineError) {
        for _ in 0..<8 {
            while reserved.count < batchSize, let slot = pool.take() { reserved.append(slot) }
            guard !reserved.isEmpty else { return }
            receivePointers.removeAll(keepingCapacity: true)
            for slot in reserved { receivePointers.append(pool.pointer(slot).assumingMemoryBound(to: UInt8.self)) }
            if receiveLengths.count < reserved.count {
                receiveLengths = Array(repeating: 0, count: reserved.count)
                receiveTimestamps = Array(repeating: 0, count: reserved.count)
            }
            let received: Int
            do {
                received = try side.socket.receive(
                    into: receivePointers, slotSize: pool.slotSize, lengths: &receiveLengths,
                    timestamps: &receiveTimestamps)
            } catch {
                throw EngineError(description: error.description)
            }
            guard received > 0 else { return }
            let now = Self.monotonic()
            for index in 0..<received {
                let slot = reserved[index]
                // The kernel's arrival time keeps queueing exact when this thread reads a backlog late.
                let stamp = receiveTimestamps[index]
                let arrival = stamp > wallOffset ? min(stamp - wallOffset, now) : now
                if !admit(
                    slot: slot, length: Int(receiveLengths[index]), from: side, direction: direction, now: arrival)
                {
                    pool.give(slot)
                }
            }
            reserved.removeFirst(received)
            if received < batchSize { return }
        }
    }

    /// Takes a received frame onto the link; returns `false` when the slot is not kept.
    private func admit(slot: Int32, length: Int, from side: Side, direction: LinkDirection, now: UInt64) -> Bool {
        let base = pool.pointer(slot)
        guard length <= pool.slotSize else { return false }
        try? side.capture?.record(base, length: length, wallNanoseconds: now &+ wallOffset)
        guard Self.readMAC(base, 0) == side.mac, let frame = Frame.parse(base: base, length: length) else {
            return false
        }
        let destination = frame.destination
        guard Self.isForwardable(destination), !side.isLocalSubnet(destination),
            !side.ownAddresses.contains(destination)
        else { return false }
        let source = frame.source
        if side.isLocalSubnet(source), side.neighbor(source) == nil { side.learn(source, Self.readMAC(base, 6)) }
        // ns-3 routes through two nodes (left and right of the point-to-point link), each decrementing the TTL.
        guard frame.decrementHopLimit(routers: 2) else { return false }
        let accepted =
            direction == .toServer
            ? toServer.enqueue(slot: slot, length: frame.length, linkBytes: frame.linkBytes, now: now)
            : toClient.enqueue(slot: slot, length: frame.length, linkBytes: frame.linkBytes, now: now)
        return accepted
    }

    private func emit(from queue: inout LinkQueue, direction: LinkDirection, to side: Side, now: UInt64)
        throws(EngineError)
    {
        while let entry = queue.dequeueArrived(now: now) {
            let base = pool.pointer(entry.slot)
            guard let frame = Frame.parse(base: base, length: Int(entry.length)),
                impairment.process(frame, direction: direction, log: log)
            else {
                pool.give(entry.slot)
                continue
            }
            guard let mac = side.neighbor(frame.destination) else {
                unresolved += 1
                pool.give(entry.slot)
                continue
            }
            Self.writeMAC(base, 0, mac)
            Self.writeMAC(base, 6, side.mac)
            try? side.capture?.record(base, length: frame.length, wallNanoseconds: now &+ wallOffset)
            side.sendFrames.append(base.assumingMemoryBound(to: UInt8.self))
            side.sendLengths.append(UInt32(frame.length))
            side.sendSlots.append(entry.slot)
            if direction == .toServer { forwardedToServer += 1 } else { forwardedToClient += 1 }
        }
        guard !side.sendFrames.isEmpty else { return }
        defer {
            for slot in side.sendSlots { pool.give(slot) }
            side.sendFrames.removeAll(keepingCapacity: true)
            side.sendLengths.removeAll(keepingCapacity: true)
            side.sendSlots.removeAll(keepingCapacity: true)
        }
        do {
            _ = try side.socket.send(side.sendFrames, lengths: side.sendLengths)
        } catch {
            log("send failed: \(error)")
        }
    }

    /// Unicast addresses outside link-local scope; multicast, broadcast and link-local stay with the kernel.
    private static func isForwardable(_ address: IPAddress) -> Bool {
        if address.isIPv4 {
            let value = address.ipv4Value
            return value >> 28 != 0xE && value != 0xFFFF_FFFF && value >> 24 != 127
        }
        let top = address.high >> 48
        return top >> 8 != 0xFF && top & 0xFFC0 != 0xFE80
    }

    private static func readMAC(_ base: UnsafeMutableRawPointer, _ offset: Int) -> UInt64 {
        UInt64(Frame.readUInt16(base, offset)) << 32 | UInt64(Frame.readUInt16(base, offset + 2)) << 16
            | UInt64(Frame.readUInt16(base, offset + 4))
    }

    private static func writeMAC(_ base: UnsafeMutableRawPointer, _ offset: Int, _ mac: UInt64) {
        Frame.writeUInt16(base, offset, UInt16(truncatingIfNeeded: mac >> 32))
        Frame.writeUInt16(base, offset + 2, UInt16(truncatingIfNeeded: mac >> 16))
        Frame.writeUInt16(base, offset + 4, UInt16(truncatingIfNeeded: mac))
    }

    private static func monotonic() -> UInt64 {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        return UInt64(now.tv_sec) * 1_000_000_000 + UInt64(now.tv_nsec)
    }
}
