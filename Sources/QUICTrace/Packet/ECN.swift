/// The Explicit Congestion Notification codepoint of an IP packet (RFC 3168), as in tshark's `ip.dsfield.ecn`.
public enum ECN: UInt8, Sendable, Hashable, CaseIterable {
    case notECT = 0
    case ect1 = 1
    case ect0 = 2
    case ce = 3
}
