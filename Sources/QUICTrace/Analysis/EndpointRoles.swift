/// The addresses of the client and the server, used to give each datagram a ``Direction`` (the runner's fixed
/// addresses are TestCatalog's `EndpointRoles.interop`).
public struct EndpointRoles: Sendable, Hashable {
    /// Addresses of the client.
    public let clientAddresses: Set<IPAddress>
    /// Addresses of the server.
    public let serverAddresses: Set<IPAddress>

    /// Creates roles from address sets.
    public init(clientAddresses: Set<IPAddress>, serverAddresses: Set<IPAddress>) {
        self.clientAddresses = clientAddresses
        self.serverAddresses = serverAddresses
    }

    /// The direction of a datagram from `source`.
    public func direction(source: IPAddress) -> Direction {
        if clientAddresses.contains(source) { return .fromClient }
        if serverAddresses.contains(source) { return .fromServer }
        return .unknown
    }
}
