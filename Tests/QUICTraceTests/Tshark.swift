import Foundation

@testable import QUICTrace

/// Runs Debian's tshark on a fixture and turns its JSON dissection into ``OraclePacket``s.
enum Tshark {
    static let path = "/usr/bin/tshark"

    static var isAvailable: Bool { FileManager.default.isExecutableFile(atPath: path) }

    /// tshark's JSON output for the fixture, decrypting with its key log.
    static func json(_ fixture: Fixture) throws -> [[String: Any]] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = [
            "-r", fixture.capturePath, "-o", "tls.keylog_file:\(fixture.keyLogPath)", "-d",
            "udp.port==\(fixture.port),quic", "-T", "json", "--no-duplicate-keys", "-J", "frame quic",
        ]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return try JSONSerialization.jsonObject(with: data) as? [[String: Any]] ?? []
    }

    /// The packets tshark dissected, in order.
    static func packets(_ fixture: Fixture) throws -> [OraclePacket] {
        var result: [OraclePacket] = []
        for entry in try json(fixture) {
            guard let layers = (entry["_source"] as? [String: Any])?["layers"] as? [String: Any],
                let frameNumber = Int(first("frame.number", in: layers["frame"] ?? [:]) ?? "")
            else { continue }
            for quic in list(layers["quic"]) {
                guard let packet = quic as? [String: Any] else { continue }
                if let oracle = parse(packet, frame: frameNumber) { result.append(oracle) }
            }
        }
        return result
    }

    private static func list(_ value: Any?) -> [Any] {
        if let array = value as? [Any] { return array }
        return value.map { [$0] } ?? []
    }

    private static func first(_ key: String, in value: Any) -> String? {
        (value as? [String: Any])?[key] as? String
    }

    private static func cid(_ value: Any?) -> String? {
        (value as? String).map { $0.replacingOccurrences(of: ":", with: "") }
    }

    private static func parse(_ packet: [String: Any], frame: Int) -> OraclePacket? {
        let header = (packet["quic.short"] as? [String: Any]) ?? packet
        guard let form = header["quic.header_form"] as? String else { return nil }
        var oracle = OraclePacket(
            frame: frame, type: "", version: nil, dcid: cid(header["quic.dcid"]) ?? "", scid: nil,
            packetNumber: (header["quic.packet_number"] as? String).flatMap { UInt64($0) }, keyPhase: nil,
            frameTypes: [], cryptoOffsets: [])
        if form == "0" {
            oracle.type = PacketType.oneRTT.rawValue
            oracle.keyPhase = (header["quic.key_phase"] as? String).map { $0 == "1" || $0 == "True" }
        } else {
            let version = header["quic.version"] as? String ?? ""
            oracle.version = version
            oracle.scid = cid(header["quic.scid"]) ?? ""
            if version == "0x00000000" {
                oracle.type = PacketType.versionNegotiation.rawValue
            } else if let type = header["quic.long.packet_type_v2"] as? String {
                oracle.type = ["retry", "initial", "zeroRTT", "handshake"][Int(type) ?? 0]
            } else {
                oracle.type =
                    ["initial", "zeroRTT", "handshake", "retry"][
                        Int(header["quic.long.packet_type"] as? String ?? "0") ?? 0]
            }
        }
        for frameValue in list(packet["quic.frame"]) {
            guard let frameFields = frameValue as? [String: Any],
                let type = (frameFields["quic.frame_type"] as? String).flatMap({ UInt64($0) })
            else { continue }
            oracle.frameTypes.append(type)
            if type == 6, let offset = (frameFields["quic.crypto.offset"] as? String).flatMap({ UInt64($0) }) {
                oracle.cryptoOffsets.append(offset)
            }
        }
        return oracle
    }

    /// Every value of `key` anywhere under `value`, depth first.
    static func values(_ key: String, in value: Any) -> [String] {
        var found: [String] = []
        if let dictionary = value as? [String: Any] {
            for (name, child) in dictionary {
                if name == key {
                    found += list(child).compactMap { $0 as? String }
                } else {
                    found += values(key, in: child)
                }
            }
        } else if let array = value as? [Any] {
            for child in array { found += values(key, in: child) }
        }
        return found
    }
}

extension OraclePacket {
    /// The same fields from this module's dissection.
    init(_ packet: QUICPacket, frame: Int) {
        self.init(
            frame: frame, type: packet.type.rawValue,
            version: packet.version.map {
                "0x" + String(repeating: "0", count: 8 - String($0, radix: 16).count) + String($0, radix: 16)
            },
            dcid: packet.destinationCID.description, scid: packet.sourceCID?.description,
            packetNumber: packet.packetNumber, keyPhase: packet.keyPhase, frameTypes: packet.frames.map(\.typeCode),
            cryptoOffsets: packet.frames.compactMap { if case .crypto(let offset, _) = $0 { offset } else { nil } })
    }
}
