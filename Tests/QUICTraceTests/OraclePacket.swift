/// The fields of one QUIC packet compared between this module and tshark.
struct OraclePacket: Equatable, CustomStringConvertible {
    var frame: Int
    var type: String
    var version: String?
    var dcid: String
    var scid: String?
    var packetNumber: UInt64?
    var keyPhase: Bool?
    var frameTypes: [UInt64]
    var cryptoOffsets: [UInt64]

    var description: String {
        "#\(frame) \(type) v=\(version ?? "-") dcid=\(dcid) scid=\(scid ?? "-") pn=\(packetNumber.map(String.init) ?? "-") "
            + "kp=\(keyPhase.map { $0 ? "1" : "0" } ?? "-") frames=\(frameTypes) crypto=\(cryptoOffsets)"
    }
}
