/// The addresses of the client and the server, used to give each datagram a ``Direction``.
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

    /// The fixed interop-runner addresses (client `193.167.0.100` / `fd00:cafe:cafe:0::100`, server
    /// `193.167.100.100` / `fd00:cafe:cafe:100::100`).
    public static let interop = EndpointRoles(
        clientAddresses: [IPAddress("193.167.0.100"), IPAddress("fd00:cafe:cafe:0::100")].compactMap { $0 }.set,
        serverAddresses: [IPAddress("193.167.100.100"), IPAddress("fd00:cafe:cafe:100::100")].compactMap { $0 }.set)

    /// The direction of a datagram from `source`.
    public func direction(source: IPAddress) -> Direction {
        if clientAddresses.contains(source) { return .fromClient }
        if serverAddresses.contains(source) { return .fromServer }
        return .unknown
    }
}

extension Array where Element: Hashable {
    /// The elements as a set.
    fileprivate var set: Set<Element> { Set(self) }
}
