/// The type of a QUIC packet, independent of the version's wire encoding.
public enum PacketType: String, Sendable, Hashable, CaseIterable {
    case initial
    case zeroRTT
    case handshake
    case retry
    case versionNegotiation
    case oneRTT

    /// The packet-number space, nil for packets without packet numbers.
    var space: PacketNumberSpace? {
        switch self {
        case .initial: .initial
        case .handshake: .handshake
        case .zeroRTT, .oneRTT: .applicationData
        case .retry, .versionNegotiation: nil
        }
    }
}
