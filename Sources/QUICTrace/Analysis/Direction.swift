/// Which side sent a datagram, judged by IP address as upstream's `get_direction` does.
public enum Direction: String, Sendable, Hashable, CaseIterable {
    case fromClient
    case fromServer
    /// Neither the client's nor the server's address (e.g. after address rebinding).
    case unknown
}
