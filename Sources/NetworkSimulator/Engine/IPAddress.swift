/// An IPv4 or IPv6 address as 16 bytes (IPv4 in its IPv4-mapped IPv6 form), cheap to compare in the packet path.
public struct IPAddress: Hashable, Sendable, CustomStringConvertible {
    /// The first and last 8 bytes in network order.
    public var high: UInt64
    /// The last 8 bytes in network order.
    public var low: UInt64

    /// Creates an address from its two halves.
    public init(high: UInt64, low: UInt64) {
        self.high = high
        self.low = low
    }

    /// Creates an IPv4 address.
    public init(ipv4 value: UInt32) {
        high = 0
        low = 0x0000_FFFF_0000_0000 | UInt64(value)
    }

    /// Whether this is an IPv4(-mapped) address.
    public var isIPv4: Bool { high == 0 && low >> 32 == 0xFFFF }
    /// The IPv4 address as a 32-bit number (only meaningful when `isIPv4`).
    public var ipv4Value: UInt32 { UInt32(truncatingIfNeeded: low) }

    /// Parses dotted IPv4 (`193.167.0.100`) or IPv6 text (`fd00:cafe:cafe:0::100`).
    public init?(_ text: String) {
        if text.contains(":") {
            guard let groups = IPAddress.parseIPv6(text) else { return nil }
            var high: UInt64 = 0
            var low: UInt64 = 0
            for (index, group) in groups.enumerated() {
                if index < 4 { high = high << 16 | UInt64(group) } else { low = low << 16 | UInt64(group) }
            }
            self.init(high: high, low: low)
        } else {
            let parts = text.split(separator: ".", omittingEmptySubsequences: false)
            guard parts.count == 4 else { return nil }
            var value: UInt32 = 0
            for part in parts {
                guard let byte = UInt8(part) else { return nil }
                value = value << 8 | UInt32(byte)
            }
            self.init(ipv4: value)
        }
    }

    /// Splits at every `::` (IPv6 zero compression); a valid address yields one or two parts.
    private static func splitAtDoubleColons(_ text: String) -> [Substring] {
        var parts: [Substring] = []
        var rest = text[...]
        while let range = rest.firstRange(of: "::") {
            parts.append(rest[..<range.lowerBound])
            rest = rest[range.upperBound...]
        }
        parts.append(rest)
        return parts
    }

    private static func parseIPv6(_ text: String) -> [UInt16]? {
        let halves = splitAtDoubleColons(text)
        func groups(_ part: Substring) -> [UInt16]? {
            if part.isEmpty { return [] }
            var result: [UInt16] = []
            for item in part.split(separator: ":", omittingEmptySubsequences: false) {
                guard !item.isEmpty, item.count <= 4, let value = UInt16(item, radix: 16) else { return nil }
                result.append(value)
            }
            return result
        }
        switch halves.count {
        case 1:
            guard let all = groups(halves[0]), all.count == 8 else { return nil }
            return all
        case 2:
            guard let head = groups(halves[0]), let tail = groups(halves[1]), head.count + tail.count < 8 else {
                return nil
            }
            return head + Array(repeating: 0, count: 8 - head.count - tail.count) + tail
        default:
            return nil
        }
    }

    public var description: String {
        if isIPv4 {
            let v = ipv4Value
            return "\(v >> 24).\(v >> 16 & 0xFF).\(v >> 8 & 0xFF).\(v & 0xFF)"
        }
        let groups = (0..<8).map { index -> String in
            let half = index < 4 ? high : low
            return String(UInt16(truncatingIfNeeded: half >> (UInt64(3 - index % 4) * 16)), radix: 16)
        }
        return groups.joined(separator: ":")
    }
}
