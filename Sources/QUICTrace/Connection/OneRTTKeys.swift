/// The 1-RTT keys of one direction across key updates (RFC 9001 section 6).
///
/// Invariant: `previous` (if any) has phase `!phase`; the header-protection key is the same in every generation.
struct OneRTTKeys {
    /// Keys of the newest generation seen to authenticate a packet.
    private(set) var current: PacketProtection
    /// Key phase bit of `current`.
    private(set) var phase = false
    /// Keys of the generation before `current`, for reordered packets.
    private var previous: PacketProtection?
    /// Lazily derived keys of the generation after `current`.
    private var next: PacketProtection?

    /// Starts at generation 0 (phase bit 0).
    init(initial: PacketProtection) {
        current = initial
    }

    /// Opens a packet with key phase `bit`, advancing to the next generation when the packet authenticates with it.
    mutating func open(
        ciphertext: ArraySlice<UInt8>, header: [UInt8], packetNumber: UInt64, phase bit: Bool
    ) -> [UInt8]? {
        if bit == phase {
            return current.open(ciphertext: ciphertext, header: header, packetNumber: packetNumber)
        }
        let candidate = next ?? current.updated()
        if let plain = candidate.open(ciphertext: ciphertext, header: header, packetNumber: packetNumber) {
            previous = current
            current = candidate
            next = nil
            phase = bit
            return plain
        }
        next = candidate
        return previous?.open(ciphertext: ciphertext, header: header, packetNumber: packetNumber)
    }
}
