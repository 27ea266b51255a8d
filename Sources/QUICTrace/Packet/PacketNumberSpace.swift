/// One of the three packet-number spaces of RFC 9000 section 12.3; also the CRYPTO stream's epoch.
enum PacketNumberSpace: Int, CaseIterable {
    case initial = 0
    case handshake = 1
    case applicationData = 2

    /// Decodes a truncated packet number given the largest one seen so far in this space (RFC 9000 A.3).
    static func decode(truncated: UInt64, bits: Int, largest: Int64) -> UInt64 {
        let expected = largest + 1
        let window = Int64(1) << bits
        let half = window / 2
        let mask = window - 1
        var candidate = (expected & ~mask) | Int64(truncated)
        if candidate <= expected - half, candidate < (Int64(1) << 62) - window {
            candidate += window
        } else if candidate > expected + half, candidate >= window {
            candidate -= window
        }
        return UInt64(max(0, candidate))
    }
}
