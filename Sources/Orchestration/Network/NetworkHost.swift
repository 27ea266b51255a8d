import Results

/// A machine of a job network, each in its own network namespace (upstream: a container).
public enum NetworkHost: String, Sendable, CaseIterable {
    /// The QUIC client, on the left network.
    case client = "c"
    /// The QUIC server, on the right network.
    case server = "s"
    /// The simulator between both networks.
    case simulator = "m"
    /// The iperf client of the crosstraffic measurement, on the left network.
    case iperfClient = "ic"
    /// The iperf server of the crosstraffic measurement, on the right network.
    case iperfServer = "is"

    /// Whether the host sits on the left (client) network; the simulator is on both.
    var isLeft: Bool { self == .client || self == .iperfClient }

    /// The host's IPv4 address (for the simulator, its address on the left network).
    public var ipv4: String {
        switch self {
        case .client: SimulatorAddressing.clientIPv4
        case .server: SimulatorAddressing.serverIPv4
        case .simulator: SimulatorAddressing.simLeftIPv4
        case .iperfClient: SimulatorAddressing.iperfClientIPv4
        case .iperfServer: SimulatorAddressing.iperfServerIPv4
        }
    }

    /// The host's IPv6 address (for the simulator, its address on the left network).
    public var ipv6: String {
        switch self {
        case .client: SimulatorAddressing.clientIPv6
        case .server: SimulatorAddressing.serverIPv6
        case .simulator: SimulatorAddressing.simLeftIPv6
        case .iperfClient: SimulatorAddressing.iperfClientIPv6
        case .iperfServer: SimulatorAddressing.iperfServerIPv6
        }
    }

    /// A deterministic MAC address `02:51:00:00:<third octet>:<fourth octet>` derived from an IPv4 address, so that
    /// every namespace and the simulator know each other's addresses without ARP.
    static func mac(forIPv4 address: String) -> String {
        let octets = address.split(separator: ".").compactMap { UInt8($0) }
        func hex(_ byte: UInt8) -> String { (byte < 16 ? "0" : "") + String(byte, radix: 16) }
        return "02:51:00:00:\(hex(octets[2])):\(hex(octets[3]))"
    }

    /// The MAC address of the host's `eth0`.
    var mac: String { Self.mac(forIPv4: ipv4) }
}
