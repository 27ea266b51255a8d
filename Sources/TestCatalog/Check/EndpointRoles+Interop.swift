public import QUICTrace
import Results

extension EndpointRoles {
    /// The runner's fixed addresses (``SimulatorAddressing``): the client's and the server's IPv4 and IPv6 address.
    public static let interop = EndpointRoles(
        clientAddresses: Set(
            [SimulatorAddressing.clientIPv4, SimulatorAddressing.clientIPv6].compactMap { IPAddress($0) }),
        serverAddresses: Set(
            [SimulatorAddressing.serverIPv4, SimulatorAddressing.serverIPv6].compactMap { IPAddress($0) }))
}
