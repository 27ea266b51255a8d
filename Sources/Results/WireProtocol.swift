/// The protocol a matrix exercises; it selects the registry file and the test catalog (upstream `-p`).
public enum WireProtocol: String, Codable, Sendable, CaseIterable, Hashable {
    case quic
    case webtransport
}
