/// QUIC transport parameters (RFC 9000 section 18) as carried in the `quic_transport_parameters` TLS extension.
public struct TransportParameters: Sendable, Hashable {
    /// The TLS extension type (0x39).
    static let extensionType: UInt16 = 0x39

    /// Well-known parameter IDs.
    public enum ID: UInt64, Sendable {
        case originalDestinationConnectionID = 0x00
        case maxIdleTimeout = 0x01
        case statelessResetToken = 0x02
        case maxUDPPayloadSize = 0x03
        case initialMaxData = 0x04
        case initialMaxStreamDataBidiLocal = 0x05
        case initialMaxStreamDataBidiRemote = 0x06
        case initialMaxStreamDataUni = 0x07
        case initialMaxStreamsBidi = 0x08
        case initialMaxStreamsUni = 0x09
        case ackDelayExponent = 0x0a
        case maxAckDelay = 0x0b
        case disableActiveMigration = 0x0c
        case preferredAddress = 0x0d
        case activeConnectionIDLimit = 0x0e
        case initialSourceConnectionID = 0x0f
        case retrySourceConnectionID = 0x10
        case maxDatagramFrameSize = 0x20
    }

    /// Every parameter in wire order: ID and raw value.
    public let entries: [(id: UInt64, value: [UInt8])]

    /// Parses the extension data.
    init(_ data: ArraySlice<UInt8>) throws(ParseError) {
        var reader = ByteReader(data)
        var entries: [(id: UInt64, value: [UInt8])] = []
        while !reader.isAtEnd {
            let id = try reader.readVarInt()
            let length = try reader.readVarIntLength("transport parameter 0x\(String(id, radix: 16)) length")
            entries.append((id, Array(try reader.readBytes(length, "transport parameter value"))))
        }
        self.entries = entries
    }

    /// The raw value of parameter `id`.
    public func value(_ id: UInt64) -> [UInt8]? {
        entries.first { $0.id == id }?.value
    }

    /// An integer-valued parameter, decoded from its variable-length encoding.
    public func integer(_ id: ID) -> UInt64? {
        guard let value = value(id.rawValue) else { return nil }
        var reader = ByteReader(value)
        return try? reader.readVarInt()
    }

    /// A connection-ID-valued parameter.
    public func connectionID(_ id: ID) -> ConnectionID? {
        value(id.rawValue).map { ConnectionID($0) }
    }

    public static func == (lhs: TransportParameters, rhs: TransportParameters) -> Bool {
        lhs.entries.elementsEqual(rhs.entries) { $0.id == $1.id && $0.value == $1.value }
    }

    public func hash(into hasher: inout Hasher) {
        for entry in entries {
            hasher.combine(entry.id)
            hasher.combine(entry.value)
        }
    }
}
