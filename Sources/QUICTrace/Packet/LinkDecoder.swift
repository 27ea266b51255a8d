/// Decodes link, IP and UDP headers of a captured frame down to its UDP payload.
///
/// Fragments and non-UDP packets yield nil (not an error): a capture on a busy interface carries other traffic.
enum LinkDecoder {
    /// The UDP datagram in `frame`, nil when the frame carries no (unfragmented) UDP; throws on malformed headers.
    static func udpDatagram(in frame: CapturedFrame) throws(ParseError) -> UDPDatagram? {
        var reader = ByteReader(frame.bytes)
        let etherType: UInt16?
        switch frame.linkType {
        case .ethernet:
            try reader.skip(12, "Ethernet addresses")
            var type = try reader.readUInt16()
            while type == 0x8100 || type == 0x88a8 {
                try reader.skip(2, "VLAN tag")
                type = try reader.readUInt16()
            }
            etherType = type
        case .linuxSLL:
            try reader.skip(14, "Linux cooked header")
            etherType = try reader.readUInt16()
        case .linuxSLL2:
            etherType = try reader.readUInt16()
            try reader.skip(18, "Linux cooked v2 header")
        case .null, .loop:
            try reader.skip(4, "loopback family")
            etherType = nil
        case .rawIP, .rawIPLegacy, .ipv4, .ipv6:
            etherType = nil
        default:
            throw ParseError.invalid("link type \(frame.linkType.rawValue) (not supported)")
        }
        let ip = reader.readRest()
        switch etherType {
        case 0x0800: return try ipv4(ip)
        case 0x86dd: return try ipv6(ip)
        case nil:
            guard let first = ip.first else { throw ParseError.truncated("IP header", at: ip.startIndex) }
            switch first >> 4 {
            case 4: return try ipv4(ip)
            case 6: return try ipv6(ip)
            default: throw ParseError.invalid("IP version \(first >> 4)")
            }
        default: return nil
        }
    }

    private static func ipv4(_ bytes: ArraySlice<UInt8>) throws(ParseError) -> UDPDatagram? {
        var reader = ByteReader(bytes)
        let versionAndLength = try reader.readUInt8()
        let headerLength = Int(versionAndLength & 0x0f) * 4
        guard versionAndLength >> 4 == 4, headerLength >= 20 else { throw ParseError.invalid("IPv4 header") }
        let ecn = ECN(rawValue: try reader.readUInt8() & 3) ?? .notECT
        let totalLength = Int(try reader.readUInt16())
        try reader.skip(2, "IPv4 identification")
        let fragment = try reader.readUInt16()
        try reader.skip(1, "IPv4 TTL")
        let proto = try reader.readUInt8()
        try reader.skip(2, "IPv4 checksum")
        let source = IPAddress(bytes: Array(try reader.readBytes(4, "IPv4 source")))
        let destination = IPAddress(bytes: Array(try reader.readBytes(4, "IPv4 destination")))
        try reader.skip(headerLength - 20, "IPv4 options")
        // A fragment (more-fragments flag or an offset) cannot be decoded on its own.
        guard proto == 17, fragment & 0x3fff == 0 else { return nil }
        let available = min(reader.remaining, max(0, totalLength - headerLength))
        return try udp(try reader.readBytes(available), source: source, destination: destination, ecn: ecn)
    }

    private static func ipv6(_ bytes: ArraySlice<UInt8>) throws(ParseError) -> UDPDatagram? {
        var reader = ByteReader(bytes)
        let word = try reader.readUInt32()
        guard word >> 28 == 6 else { throw ParseError.invalid("IPv6 header") }
        let ecn = ECN(rawValue: UInt8((word >> 20) & 3)) ?? .notECT
        let payloadLength = Int(try reader.readUInt16())
        var next = try reader.readUInt8()
        try reader.skip(1, "IPv6 hop limit")
        let source = IPAddress(bytes: Array(try reader.readBytes(16, "IPv6 source")))
        let destination = IPAddress(bytes: Array(try reader.readBytes(16, "IPv6 destination")))
        var payload = try reader.readBytes(min(reader.remaining, payloadLength))
        // Walk hop-by-hop, routing and destination-options headers; a fragment header means no whole datagram.
        while next == 0 || next == 43 || next == 60 {
            var extensionReader = ByteReader(payload)
            next = try extensionReader.readUInt8()
            let length = (Int(try extensionReader.readUInt8()) + 1) * 8
            try extensionReader.skip(length - 2, "IPv6 extension header")
            payload = extensionReader.readRest()
        }
        guard next == 17 else { return nil }
        return try udp(payload, source: source, destination: destination, ecn: ecn)
    }

    private static func udp(
        _ bytes: ArraySlice<UInt8>, source: IPAddress, destination: IPAddress, ecn: ECN
    ) throws(ParseError) -> UDPDatagram {
        var reader = ByteReader(bytes)
        let sourcePort = try reader.readUInt16()
        let destinationPort = try reader.readUInt16()
        let length = Int(try reader.readUInt16())
        try reader.skip(2, "UDP checksum")
        guard length >= 8 else { throw ParseError.invalid("UDP length \(length)") }
        let payload = try reader.readBytes(min(reader.remaining, length - 8))
        return UDPDatagram(
            source: Endpoint(address: source, port: sourcePort),
            destination: Endpoint(address: destination, port: destinationPort),
            ecn: ecn, udpLength: length, payload: payload)
    }
}
