/// How one connection's first ClientHello travelled: the CRYPTO bytes of the client's Initial packets up to the
/// packet that completed it, and how many packets brought bytes not seen before.
///
/// Until the first ClientHello is complete, the client's Initial CRYPTO stream carries nothing else, so every byte
/// counted here is part of it. A retransmission that only repeats bytes already seen does not count: a ClientHello
/// sent whole and retransmitted whole counts one packet, one split over two Initials counts two.
///
/// Invariant: `covered` holds disjoint, non-adjacent ranges in ascending order.
struct ClientHelloAssembly {
    /// At most this many disjoint ranges are tracked; a real ClientHello arrives in a handful of pieces.
    static let maximumRanges = 64

    private var covered: [Range<UInt64>] = []
    /// Packets that carried at least one byte not seen before.
    private(set) var packets = 0

    /// Adds the CRYPTO ranges of one client Initial packet.
    mutating func add(_ ranges: [Range<UInt64>]) {
        var new = false
        for range in ranges where !range.isEmpty {
            if !isCovered(range) { new = true }
            insert(range)
        }
        if new { packets += 1 }
    }

    private func isCovered(_ range: Range<UInt64>) -> Bool {
        covered.contains { $0.lowerBound <= range.lowerBound && range.upperBound <= $0.upperBound }
    }

    private mutating func insert(_ range: Range<UInt64>) {
        var merged = range
        var kept: [Range<UInt64>] = []
        for existing in covered {
            if existing.upperBound < merged.lowerBound || merged.upperBound < existing.lowerBound {
                kept.append(existing)
            } else {
                merged = min(existing.lowerBound, merged.lowerBound)..<max(existing.upperBound, merged.upperBound)
            }
        }
        guard kept.count < Self.maximumRanges else { return }
        kept.append(merged)
        covered = kept.sorted { $0.lowerBound < $1.lowerBound }
    }
}
