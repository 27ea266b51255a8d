/// An IP address and UDP port.
public struct Endpoint: Sendable, Hashable, CustomStringConvertible {
    /// The address.
    public let address: IPAddress
    /// The UDP port.
    public let port: UInt16

    /// Creates an endpoint.
    public init(address: IPAddress, port: UInt16) {
        self.address = address
        self.port = port
    }

    public var description: String {
        address.isIPv6 ? "[\(address)]:\(port)" : "\(address):\(port)"
    }
}
