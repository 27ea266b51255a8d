/// How a WebTransport transfer test moves its files (upstream `_type`).
public enum WebTransportStreamKind: String, Sendable, Hashable, Codable, CaseIterable {
    case unidirectional
    case bidirectional
    case datagram

    /// The first letter of upstream's abbreviation.
    var letter: String {
        switch self {
        case .unidirectional: "U"
        case .bidirectional: "B"
        case .datagram: "D"
        }
    }
}
