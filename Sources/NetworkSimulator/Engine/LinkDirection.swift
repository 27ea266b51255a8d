/// The direction a packet crosses the simulated link.
public enum LinkDirection: String, Sendable, CaseIterable {
    /// From the left (client) network to the right (server) network.
    case toServer
    /// From the right (server) network to the left (client) network.
    case toClient
}
