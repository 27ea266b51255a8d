/// An IPv4 or IPv6 address as raw bytes.
public struct IPAddress: Sendable, Hashable, CustomStringConvertible {
    /// 4 bytes for IPv4, 16 for IPv6.
    public let bytes: [UInt8]

    /// Creates an address from 4 or 16 bytes.
    public init(bytes: [UInt8]) {
        assert(bytes.count == 4 || bytes.count == 16)
        self.bytes = bytes
    }

    /// Parses dotted-quad IPv4 or RFC 4291 IPv6 text; nil when malformed.
    public init?(_ text: String) {
        if text.contains(":") {
            let halves = text.split(separator: "::", maxSplits: 1, omittingEmptySubsequences: false)
                .map { $0.split(separator: ":", omittingEmptySubsequences: true) }
            guard halves.count <= 2 else { return nil }
            let groups = halves.map { $0.compactMap { UInt16($0, radix: 16) } }
            guard zip(groups, halves).allSatisfy({ $0.count == $1.count }) else { return nil }
            var words = groups[0]
            if groups.count == 2 {
                let missing = 8 - groups[0].count - groups[1].count
                guard missing >= 1 else { return nil }
                words += [UInt16](repeating: 0, count: missing) + groups[1]
            }
            guard words.count == 8 else { return nil }
            bytes = words.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xff)] }
        } else {
            let parts = text.split(separator: ".", omittingEmptySubsequences: false).compactMap { UInt8($0) }
            guard parts.count == 4 else { return nil }
            bytes = parts
        }
    }

    /// True for IPv6.
    public var isIPv6: Bool { bytes.count == 16 }

    public var description: String {
        if !isIPv6 { return bytes.map(String.init).joined(separator: ".") }
        let words = stride(from: 0, to: 16, by: 2).map { UInt16(bytes[$0]) << 8 | UInt16(bytes[$0 + 1]) }
        var bestStart = -1
        var bestLength = 0
        var index = 0
        while index < 8 {
            if words[index] == 0 {
                var end = index
                while end < 8, words[end] == 0 { end += 1 }
                if end - index > bestLength, end - index > 1 { (bestStart, bestLength) = (index, end - index) }
                index = end
            } else {
                index += 1
            }
        }
        let text = words.map { String($0, radix: 16) }
        if bestStart < 0 { return text.joined(separator: ":") }
        let head = text[..<bestStart].joined(separator: ":")
        let tail = text[(bestStart + bestLength)...].joined(separator: ":")
        return head + "::" + tail
    }
}
