/// Upstream's fixed addressing (docker-compose.yml of quic-interop-runner): every job uses the same addresses
/// inside its own namespaces. The simulator sits between the left (client) and right (server) networks.
///
/// The one definition of these addresses: the simulator, the job network, the trace checks and the tests read them
/// from here.
public enum SimulatorAddressing {
    /// Both networks' IPv4 addresses, routed through the simulator by every endpoint.
    public static let ipv4Network = "193.167.0.0/16"
    /// Both networks' IPv6 addresses, routed through the simulator by every endpoint.
    public static let ipv6Network = "fd00:cafe:cafe::/48"
    /// The client network's IPv4 prefix (`/24`).
    public static let leftIPv4Prefix = "193.167.0"
    /// The server network's IPv4 prefix (`/24`).
    public static let rightIPv4Prefix = "193.167.100"
    /// The client network's IPv6 prefix (`/64`).
    public static let leftIPv6Prefix = "fd00:cafe:cafe:0"
    /// The server network's IPv6 prefix (`/64`).
    public static let rightIPv6Prefix = "fd00:cafe:cafe:100"

    /// The client's IPv4 address.
    public static let clientIPv4 = "193.167.0.100"
    /// The client's IPv6 address.
    public static let clientIPv6 = "fd00:cafe:cafe:0::100"
    /// The server's IPv4 address.
    public static let serverIPv4 = "193.167.100.100"
    /// The server's IPv6 address.
    public static let serverIPv6 = "fd00:cafe:cafe:100::100"
    /// The simulator's IPv4 address on the client side.
    public static let simLeftIPv4 = "193.167.0.2"
    /// The simulator's IPv6 address on the client side.
    public static let simLeftIPv6 = "fd00:cafe:cafe:0::2"
    /// The simulator's IPv4 address on the server side.
    public static let simRightIPv4 = "193.167.100.2"
    /// The simulator's IPv6 address on the server side.
    public static let simRightIPv6 = "fd00:cafe:cafe:100::2"
    /// The iperf client host (left side) of the crosstraffic measurement.
    public static let iperfClientIPv4 = "193.167.0.90"
    /// The iperf client host's IPv6 address.
    public static let iperfClientIPv6 = "fd00:cafe:cafe:0::90"
    /// The iperf server host (right side) of the crosstraffic measurement.
    public static let iperfServerIPv4 = "193.167.100.110"
    /// The iperf server host's IPv6 address.
    public static let iperfServerIPv6 = "fd00:cafe:cafe:100::110"
    /// The TCP port the simulator listens on so that endpoints can wait for it (`wait-for-it sim:57832`).
    public static let readinessPort: UInt16 = 57832
}
