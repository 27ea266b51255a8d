import QUICTrace
import Results

extension EndpointRoles {
    /// The runner's client and server addresses (TestCatalog gives the checks the same roles).
    static let interop = EndpointRoles(
        clientAddresses: Set(
            [SimulatorAddressing.clientIPv4, SimulatorAddressing.clientIPv6].compactMap { IPAddress($0) }),
        serverAddresses: Set(
            [SimulatorAddressing.serverIPv4, SimulatorAddressing.serverIPv6].compactMap { IPAddress($0) }))
}
