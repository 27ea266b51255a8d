/// A datagram's four-tuple, as upstream's `_path`: (source address, port), (destination address, port).
public struct NetworkPath: Sendable, Hashable, CustomStringConvertible {
    /// Sender.
    public let source: Endpoint
    /// Receiver.
    public let destination: Endpoint

    /// Creates a path.
    public init(source: Endpoint, destination: Endpoint) {
        self.source = source
        self.destination = destination
    }

    public var description: String { "\(source) -> \(destination)" }
}
