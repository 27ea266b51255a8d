/// The link-layer header type of captured frames (tcpdump.org LINKTYPE_ values).
public struct LinkType: RawRepresentable, Sendable, Hashable {
    public let rawValue: UInt32

    public init(rawValue: UInt32) {
        self.rawValue = rawValue
    }

    /// BSD loopback: a 4-byte address family in host byte order.
    public static let null = LinkType(rawValue: 0)
    /// Ethernet II, optionally with 802.1Q tags.
    public static let ethernet = LinkType(rawValue: 1)
    /// Raw IP (the OpenBSD value 12 and the official 101).
    public static let rawIP = LinkType(rawValue: 101)
    /// Raw IP as some Linux systems record it.
    public static let rawIPLegacy = LinkType(rawValue: 12)
    /// OpenBSD loopback: a 4-byte address family in network byte order.
    public static let loop = LinkType(rawValue: 108)
    /// Linux cooked capture v1 (`-i any`).
    public static let linuxSLL = LinkType(rawValue: 113)
    /// Raw IPv4.
    public static let ipv4 = LinkType(rawValue: 228)
    /// Raw IPv6.
    public static let ipv6 = LinkType(rawValue: 229)
    /// Linux cooked capture v2.
    public static let linuxSLL2 = LinkType(rawValue: 276)
}
