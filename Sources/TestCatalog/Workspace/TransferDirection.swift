/// Which endpoint serves a set of files and which downloads them.
public enum TransferDirection: String, Sendable, Hashable, Codable {
    /// The server serves from its `/www`, the client saves into its `/downloads` (every QUIC test).
    case serverToClient
    /// The client serves from its `/www`, the server saves into its `/downloads` (WebTransport `send`).
    case clientToServer
}
