#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// TLS secrets from an NSS key log file (`SSLKEYLOGFILE`), indexed by the ClientHello random.
///
/// Both endpoints' key logs have the same format; either (or both, concatenated) works.
public struct KeyLog: Sendable {
    /// The labels this module uses.
    public enum Label: String, Sendable, CaseIterable {
        case clientEarlyTrafficSecret = "CLIENT_EARLY_TRAFFIC_SECRET"
        case clientHandshakeTrafficSecret = "CLIENT_HANDSHAKE_TRAFFIC_SECRET"
        case serverHandshakeTrafficSecret = "SERVER_HANDSHAKE_TRAFFIC_SECRET"
        case clientTrafficSecret0 = "CLIENT_TRAFFIC_SECRET_0"
        case serverTrafficSecret0 = "SERVER_TRAFFIC_SECRET_0"
    }

    private var secrets: [[UInt8]: [Label: [UInt8]]] = [:]
    /// Lines that were not understood (1-based line number and reason), for diagnostics.
    public private(set) var problems: [String] = []

    /// An empty key log.
    public init() {}

    /// Parses key-log text.
    public init(text: String) {
        add(lines: text.split(whereSeparator: \.isNewline).map(String.init))
    }

    /// Reads a key-log file.
    public init(path: String) throws(CaptureError) {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw CaptureError(code: .cannotOpen, message: "cannot read key log \(path)")
        }
        self.init(text: String(decoding: data, as: UTF8.self))
    }

    /// Adds lines (from a file or a pcapng Decryption Secrets Block); other labels and comments are skipped.
    public mutating func add(lines: [String]) {
        for (number, line) in lines.enumerated() {
            let fields = line.split(separator: " ", omittingEmptySubsequences: true)
            guard fields.count == 3, !line.hasPrefix("#"), let label = Label(rawValue: String(fields[0])) else {
                continue
            }
            guard let random = Self.bytes(hex: fields[1]), random.count == 32,
                let secret = Self.bytes(hex: fields[2]), secret.count == 32 || secret.count == 48
            else {
                problems.append("key log line \(number + 1): malformed \(label.rawValue) entry")
                continue
            }
            secrets[random, default: [:]][label] = secret
        }
    }

    /// The secret logged under `label` for the connection whose ClientHello carried `clientRandom`.
    public func secret(_ label: Label, clientRandom: [UInt8]) -> [UInt8]? {
        secrets[clientRandom]?[label]
    }

    /// Number of distinct ClientHello randoms with at least one secret.
    public var connectionCount: Int { secrets.count }

    private static func bytes(hex: Substring) -> [UInt8]? {
        let digits = Array(hex.utf8)
        guard digits.count % 2 == 0 else { return nil }
        var result: [UInt8] = []
        result.reserveCapacity(digits.count / 2)
        var index = 0
        while index < digits.count {
            guard let high = nibble(digits[index]), let low = nibble(digits[index + 1]) else { return nil }
            result.append(high << 4 | low)
            index += 2
        }
        return result
    }

    private static func nibble(_ digit: UInt8) -> UInt8? {
        switch digit {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): digit - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): digit - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): digit - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
