import ArgumentParser
import NetworkSimulator
import Results

#if canImport(Glibc)
    import Glibc
#endif

/// `interop-sim`: the userspace link simulator that runs inside a job's simulator namespace.
@main
struct InteropSim: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "interop-sim",
        abstract: "Forwards IPv4/IPv6 between eth0 (client side) and eth1 (server side) through an emulated link.",
        discussion:
            "SCENARIO is upstream's scenario string, e.g. \"simple-p2p --delay=15ms --bandwidth=10Mbps --queue=25\".")

    @Argument(help: "The scenario string (one argument).")
    var scenario: String

    @Option(help: "Seed of the impairments' random decisions (default: random, printed).")
    var seed: UInt64?

    @Option(help: "Folder for the pcapng captures \(SimulatorCapture.clientSide) and \(SimulatorCapture.serverSide).")
    var captureDirectory: String?

    @Option(help: "The client-side interface.")
    var left = "eth0"

    @Option(help: "The server-side interface.")
    var right = "eth1"

    @Option(
        help: ArgumentHelp(
            "Upstream's WAITFORSERVER: open the TCP 57832 listener only once this server answers a QUIC probe.",
            valueName: "ipv4:port|[ipv6]:port"))
    var waitForServer: String?

    @Option(help: "A known host as IP=MAC (repeatable).")
    var neighbor: [String] = []

    func validate() throws {
        do {
            _ = try Scenario(parsing: scenario)
        } catch {
            throw ValidationError(error.description)
        }
        if let waitForServer, Self.parseServer(waitForServer) == nil {
            throw ValidationError(
                "--wait-for-server \(waitForServer): expected \(SimulatorAddressing.serverIPv4):443 or [fd00::1]:443")
        }
        for entry in neighbor where Self.parseNeighbor(entry) == nil {
            throw ValidationError(
                "--neighbor \(entry): expected IP=MAC, e.g. \(SimulatorAddressing.clientIPv4)=02:00:00:00:00:01")
        }
    }

    func run() throws {
        let parsed = try Scenario(parsing: scenario)
        let seed = self.seed ?? UInt64.random(in: 0...UInt64.max)
        Self.emit("interop-sim: scenario \(scenario)")
        Self.emit("interop-sim: seed \(seed)")
        var neighbors: [IPAddress: MACAddress] = [:]
        for entry in neighbor {
            if let (address, mac) = Self.parseNeighbor(entry) { neighbors[address] = mac }
        }
        let forwarder = try Forwarder(
            configuration: SimulatorConfiguration(
                scenario: parsed, seed: seed, leftInterface: left, rightInterface: right,
                captureDirectory: captureDirectory, neighbors: neighbors,
                waitForServer: waitForServer.flatMap(Self.parseServer)),
            log: { Self.emit($0) })
        Self.emit("interop-sim: ready")
        try forwarder.run()
        Self.emit("interop-sim: stopped")
    }

    /// Writes one line to standard output unbuffered, so the runner sees "ready" and the log survives a kill.
    private static func emit(_ line: String) {
        var bytes = Array((line + "\n").utf8)
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeMutableBytes {
                write(1, $0.baseAddress.unsafelyUnwrapped + offset, $0.count - offset)
            }
            if written <= 0 { return }
            offset += written
        }
    }

    /// Splits `address:port` (IPv6 in brackets) into its numeric parts.
    private static func parseServer(_ text: String) -> (address: String, port: UInt16)? {
        guard let colon = text.lastIndex(of: ":"), let port = UInt16(text[text.index(after: colon)...]) else {
            return nil
        }
        var host = String(text[..<colon])
        if host.hasPrefix("[") && host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        guard IPAddress(host) != nil else { return nil }
        return (host, port)
    }

    private static func parseNeighbor(_ text: String) -> (IPAddress, MACAddress)? {
        let parts = text.split(separator: "=", maxSplits: 1)
        guard parts.count == 2, let address = IPAddress(String(parts[0])), let mac = MACAddress(String(parts[1])) else {
            return nil
        }
        return (address, mac)
    }
}
