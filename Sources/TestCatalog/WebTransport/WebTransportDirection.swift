/// Which way a WebTransport transfer test moves its files, seen from the client (upstream `_direction`).
public enum WebTransportDirection: String, Sendable, Hashable, Codable, CaseIterable {
    /// The server sends, the client requests and receives.
    case receive
    /// The client sends, the server requests and receives.
    case send

    /// The second letter of upstream's abbreviation.
    var letter: String { self == .receive ? "R" : "S" }
}
