/// Which side of a QUIC connection sent a packet, as the dissector infers it from connection IDs.
public enum Sender: String, Sendable, Hashable {
    case client
    case server

    /// The other side.
    var peer: Sender { self == .client ? .server : .client }
}
