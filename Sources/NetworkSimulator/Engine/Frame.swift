/// An Ethernet frame carrying IPv4 or IPv6, viewed in place in a frame pool slot.
///
/// Invariant: `length` bytes starting at `base` are valid and `length >= Frame.minimumLength` for the IP
/// version found by ``Frame/parse(base:length:)``.
struct Frame {
    /// Bytes of the Ethernet header (no VLAN tag).
    static let ethernetHeaderLength = 14
    /// The shortest frame that can carry an IPv4 header.
    static let minimumLength = ethernetHeaderLength + 20

    /// The first byte of the Ethernet header.
    let base: UnsafeMutableRawPointer
    /// Bytes of the frame up to the end of the IP packet (Ethernet padding excluded).
    var length: Int
    /// Whether the frame carries IPv6 (else IPv4).
    let isIPv6: Bool
    /// The transport protocol (IPv4 protocol or IPv6 next header; 17 = UDP).
    let transport: UInt8
    /// Offset of the transport header from `base`.
    let transportOffset: Int

    /// Views the frame if it carries IPv4 or IPv6 with a consistent length; `nil` for anything else (ARP, VLAN).
    static func parse(base: UnsafeMutableRawPointer, length: Int) -> Frame? {
        guard length >= minimumLength else { return nil }
        let etherType =
            UInt16(base.load(fromByteOffset: 12, as: UInt8.self)) << 8
            | UInt16(base.load(fromByteOffset: 13, as: UInt8.self))
        let ip = ethernetHeaderLength
        switch etherType {
        case 0x0800:
            let versionAndLength = base.load(fromByteOffset: ip, as: UInt8.self)
            let headerLength = Int(versionAndLength & 0x0F) * 4
            guard versionAndLength >> 4 == 4, headerLength >= 20, length >= ip + headerLength else { return nil }
            let total = Int(readUInt16(base, ip + 2))
            guard total >= headerLength, ip + total <= length else { return nil }
            return Frame(
                base: base, length: ip + total, isIPv6: false,
                transport: base.load(fromByteOffset: ip + 9, as: UInt8.self), transportOffset: ip + headerLength)
        case 0x86DD:
            guard length >= ip + 40, base.load(fromByteOffset: ip, as: UInt8.self) >> 4 == 6 else { return nil }
            let total = 40 + Int(readUInt16(base, ip + 4))
            guard ip + total <= length else { return nil }
            return Frame(
                base: base, length: ip + total, isIPv6: true,
                transport: base.load(fromByteOffset: ip + 6, as: UInt8.self), transportOffset: ip + 40)
        default:
            return nil
        }
    }

    /// Whether this is UDP with a complete header, the packets upstream's error models act on.
    var isUDP: Bool { transport == 17 && length >= transportOffset + 8 }

    /// Bytes ns-3 would serialise on its point-to-point link: the IP packet plus a 2-byte PPP header.
    var linkBytes: Int { length - Frame.ethernetHeaderLength + 2 }

    /// The IP source address.
    var source: IPAddress {
        get { address(at: isIPv6 ? 22 : 26) }
        nonmutating set { setAddress(newValue, at: isIPv6 ? 22 : 26) }
    }

    /// The IP destination address.
    var destination: IPAddress {
        get { address(at: isIPv6 ? 38 : 30) }
        nonmutating set { setAddress(newValue, at: isIPv6 ? 38 : 30) }
    }

    /// The transport source port (UDP or TCP).
    var sourcePort: UInt16 {
        get { Frame.readUInt16(base, transportOffset) }
        nonmutating set { Frame.writeUInt16(base, transportOffset, newValue) }
    }

    /// The transport destination port (UDP or TCP).
    var destinationPort: UInt16 {
        get { Frame.readUInt16(base, transportOffset + 2) }
        nonmutating set { Frame.writeUInt16(base, transportOffset + 2, newValue) }
    }

    /// The UDP payload's offset and length.
    var udpPayload: (offset: Int, count: Int) { (transportOffset + 8, length - transportOffset - 8) }

    /// Decrements the IPv4 TTL or IPv6 hop limit by `routers` hops, as that many routers in a row would; returns
    /// `false` when one of them would have dropped the packet (the limit reaching zero).
    func decrementHopLimit(routers: UInt8) -> Bool {
        let offset = Frame.ethernetHeaderLength + (isIPv6 ? 7 : 8)
        let hops = base.load(fromByteOffset: offset, as: UInt8.self)
        guard hops > routers else { return false }
        base.storeBytes(of: hops - routers, toByteOffset: offset, as: UInt8.self)
        if !isIPv6 {
            // RFC 1624 incremental update: the TTL is the high byte of its 16-bit word.
            let checksumOffset = Frame.ethernetHeaderLength + 10
            var sum = UInt32(~Frame.readUInt16(base, checksumOffset)) + UInt32(~(UInt16(routers) << 8) & 0xFFFF)
            sum = (sum & 0xFFFF) + (sum >> 16)
            sum = (sum & 0xFFFF) + (sum >> 16)
            Frame.writeUInt16(base, checksumOffset, ~UInt16(sum))
        }
        return true
    }

    /// Recomputes the IPv4 header checksum (after an address change).
    func updateIPv4HeaderChecksum() {
        guard !isIPv6 else { return }
        let ip = Frame.ethernetHeaderLength
        Frame.writeUInt16(base, ip + 10, 0)
        let sum = Checksum.add(base + ip, count: transportOffset - ip, to: 0)
        Frame.writeUInt16(base, ip + 10, Checksum.finish(sum))
    }

    /// Recomputes the UDP checksum over the pseudo-header and datagram, as ns-3's `ReassemblePacket` does.
    func updateUDPChecksum() {
        let udpLength = length - transportOffset
        Frame.writeUInt16(base, transportOffset + 6, 0)
        var sum: UInt64 = 0
        if isIPv6 {
            sum = Checksum.add(base + Frame.ethernetHeaderLength + 8, count: 32, to: sum)
        } else {
            sum = Checksum.add(base + Frame.ethernetHeaderLength + 12, count: 8, to: sum)
        }
        sum += UInt64(17) + UInt64(udpLength)
        sum = Checksum.add(base + transportOffset, count: udpLength, to: sum)
        var result = Checksum.finish(sum)
        if result == 0 { result = 0xFFFF }
        Frame.writeUInt16(base, transportOffset + 6, result)
    }

    private func address(at offset: Int) -> IPAddress {
        if isIPv6 {
            return IPAddress(high: Frame.readUInt64(base, offset), low: Frame.readUInt64(base, offset + 8))
        }
        return IPAddress(
            ipv4: UInt32(Frame.readUInt16(base, offset)) << 16 | UInt32(Frame.readUInt16(base, offset + 2)))
    }

    private func setAddress(_ address: IPAddress, at offset: Int) {
        if isIPv6 {
            Frame.writeUInt64(base, offset, address.high)
            Frame.writeUInt64(base, offset + 8, address.low)
        } else {
            Frame.writeUInt16(base, offset, UInt16(truncatingIfNeeded: address.ipv4Value >> 16))
            Frame.writeUInt16(base, offset + 2, UInt16(truncatingIfNeeded: address.ipv4Value))
        }
    }

    /// Reads a big-endian 16-bit value at `offset`.
    static func readUInt16(_ base: UnsafeMutableRawPointer, _ offset: Int) -> UInt16 {
        UInt16(bigEndian: base.loadUnaligned(fromByteOffset: offset, as: UInt16.self))
    }

    /// Writes a big-endian 16-bit value at `offset`.
    static func writeUInt16(_ base: UnsafeMutableRawPointer, _ offset: Int, _ value: UInt16) {
        base.storeBytes(of: value.bigEndian, toByteOffset: offset, as: UInt16.self)
    }

    /// Reads a big-endian 64-bit value at `offset`.
    static func readUInt64(_ base: UnsafeMutableRawPointer, _ offset: Int) -> UInt64 {
        UInt64(bigEndian: base.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
    }

    /// Writes a big-endian 64-bit value at `offset`.
    static func writeUInt64(_ base: UnsafeMutableRawPointer, _ offset: Int, _ value: UInt64) {
        base.storeBytes(of: value.bigEndian, toByteOffset: offset, as: UInt64.self)
    }
}

/// The Internet checksum (RFC 1071) over byte ranges, accumulated in 64 bits and folded at the end.
enum Checksum {
    /// Adds `count` bytes at `pointer` (big-endian 16-bit words, an odd last byte padded with zero).
    static func add(_ pointer: UnsafeRawPointer, count: Int, to initial: UInt64) -> UInt64 {
        var sum = initial
        var index = 0
        while index + 1 < count {
            sum += UInt64(
                UInt16(pointer.load(fromByteOffset: index, as: UInt8.self)) << 8
                    | UInt16(pointer.load(fromByteOffset: index + 1, as: UInt8.self)))
            index += 2
        }
        if index < count { sum += UInt64(pointer.load(fromByteOffset: index, as: UInt8.self)) << 8 }
        return sum
    }

    /// Folds the sum to 16 bits and complements it.
    static func finish(_ sum: UInt64) -> UInt16 {
        var folded = sum
        while folded >> 16 != 0 { folded = (folded & 0xFFFF) + (folded >> 16) }
        return ~UInt16(folded)
    }
}
