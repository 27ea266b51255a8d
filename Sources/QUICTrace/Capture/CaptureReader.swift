/// Streams the frames of a pcap or pcapng file, one at a time.
///
/// Only the current record is held in memory. pcap in both byte orders and with micro- or nanosecond timestamps;
/// pcapng with several sections and interfaces (each with its own link type and `if_tsresol`), Enhanced, Simple
/// and obsolete Packet Blocks, and TLS key logs embedded in Decryption Secrets Blocks.
public final class CaptureReader {
    /// The file layout detected from the first four bytes.
    public enum Format: String, Sendable {
        case pcap
        case pcapng
    }

    /// An interface of a pcapng section.
    private struct Interface {
        let linkType: LinkType
        /// Multiply a raw timestamp by `multiplier` and divide by `divisor` to get nanoseconds.
        let multiplier: Int64
        let divisor: Int64
    }

    /// Blocks or records larger than this are taken as corruption rather than allocated.
    private static let maximumRecordSize = 1 << 26

    private let stream: FileByteStream
    /// The detected format.
    public let format: Format
    private var bigEndian = false
    private var pcapLinkType = LinkType.ethernet
    private var pcapNanoseconds = false
    private var interfaces: [Interface] = []
    private var frameCount = 0
    /// Key-log lines found in pcapng Decryption Secrets Blocks so far.
    public private(set) var embeddedKeyLogLines: [String] = []

    /// Opens `path` and reads the file header.
    public init(path: String) throws(CaptureError) {
        stream = try FileByteStream(path: path)
        guard let magic = try stream.read(4, what: "file header") else {
            throw CaptureError(code: .unknownFormat, message: "\(path) is empty")
        }
        switch (magic[0], magic[1], magic[2], magic[3]) {
        case (0xa1, 0xb2, 0xc3, 0xd4), (0xa1, 0xb2, 0x3c, 0x4d):
            format = .pcap
            bigEndian = true
            pcapNanoseconds = magic[2] == 0x3c
        case (0xd4, 0xc3, 0xb2, 0xa1), (0x4d, 0x3c, 0xb2, 0xa1):
            format = .pcap
            bigEndian = false
            pcapNanoseconds = magic[1] == 0x3c
        case (0x0a, 0x0d, 0x0d, 0x0a):
            format = .pcapng
        default:
            throw CaptureError(
                code: .unknownFormat,
                message: "\(path) is not a pcap or pcapng file (magic \(magic.map { hex($0) }.joined()))")
        }
        if format == .pcap {
            guard let header = try stream.read(20, what: "pcap file header") else {
                throw CaptureError(code: .truncated, message: "file ends inside the pcap file header")
            }
            pcapLinkType = LinkType(rawValue: integer(header[16..<20]) & 0xffff)
        } else {
            try readSectionHeader()
        }
    }

    /// Returns the next frame, nil at the end of the file; throws when the file structure breaks (the frames read
    /// before stay valid).
    public func next() throws(CaptureError) -> CapturedFrame? {
        switch format {
        case .pcap: return try nextPcapRecord()
        case .pcapng: return try nextPcapngFrame()
        }
    }

    private func integer(_ bytes: ArraySlice<UInt8>) -> UInt32 {
        var value: UInt32 = 0
        if bigEndian {
            for byte in bytes { value = value << 8 | UInt32(byte) }
        } else {
            for byte in bytes.reversed() { value = value << 8 | UInt32(byte) }
        }
        return value
    }

    private func integer16(_ bytes: ArraySlice<UInt8>) -> UInt16 { UInt16(truncatingIfNeeded: integer(bytes)) }

    private func nextPcapRecord() throws(CaptureError) -> CapturedFrame? {
        guard let header = try stream.read(16, what: "pcap record header") else { return nil }
        let seconds = Int64(integer(header[0..<4]))
        let fraction = Int64(integer(header[4..<8]))
        let capturedLength = Int(integer(header[8..<12]))
        let originalLength = Int(integer(header[12..<16]))
        guard capturedLength <= Self.maximumRecordSize else {
            throw CaptureError(
                code: .malformed,
                message: "record \(frameCount + 1) claims \(capturedLength) bytes at offset \(stream.offset - 16)")
        }
        guard let bytes = try stream.read(capturedLength, what: "pcap record \(frameCount + 1)") else {
            throw CaptureError(code: .truncated, message: "file ends after the header of record \(frameCount + 1)")
        }
        frameCount += 1
        let nanoseconds = seconds * 1_000_000_000 + (pcapNanoseconds ? fraction : fraction * 1000)
        return CapturedFrame(
            number: frameCount, timestamp: Timestamp(nanoseconds: nanoseconds), linkType: pcapLinkType,
            bytes: bytes, originalLength: originalLength)
    }

    /// Reads the rest of a Section Header Block whose type field was already consumed.
    private func readSectionHeader() throws(CaptureError) {
        guard let head = try stream.read(8, what: "section header block") else {
            throw CaptureError(code: .truncated, message: "file ends inside a section header block")
        }
        switch (head[4], head[5], head[6], head[7]) {
        case (0x1a, 0x2b, 0x3c, 0x4d): bigEndian = true
        case (0x4d, 0x3c, 0x2b, 0x1a): bigEndian = false
        default:
            throw CaptureError(
                code: .malformed, message: "section header at offset \(stream.offset - 12) has no byte-order magic")
        }
        let length = Int(integer(head[0..<4]))
        guard length >= 28, length % 4 == 0, length <= Self.maximumRecordSize else {
            throw CaptureError(code: .malformed, message: "section header block length \(length) is invalid")
        }
        try stream.skip(length - 12, what: "section header block")
        interfaces = []
    }

    private func nextPcapngFrame() throws(CaptureError) -> CapturedFrame? {
        while true {
            guard let head = try stream.read(4, what: "block type") else { return nil }
            if head == [0x0a, 0x0d, 0x0d, 0x0a] {
                try readSectionHeader()
                continue
            }
            let blockOffset = stream.offset - 4
            guard let lengthBytes = try stream.read(4, what: "block length") else {
                throw CaptureError(code: .truncated, message: "file ends inside the block at offset \(blockOffset)")
            }
            let type = integer(head[...])
            let length = Int(integer(lengthBytes[...]))
            guard length >= 12, length % 4 == 0, length <= Self.maximumRecordSize else {
                throw CaptureError(
                    code: .malformed, message: "block at offset \(blockOffset) has an invalid length \(length)")
            }
            guard let body = try stream.read(length - 12, what: "block at offset \(blockOffset)"),
                try stream.read(4, what: "trailing length of the block at offset \(blockOffset)") != nil
            else {
                throw CaptureError(code: .truncated, message: "file ends inside the block at offset \(blockOffset)")
            }
            switch type {
            case 1: try readInterface(body[...], offset: blockOffset)
            case 2, 3, 6:
                if let frame = try packetBlock(type: type, body: body[...], offset: blockOffset) { return frame }
            case 0x0a: readSecrets(body[...])
            default: continue
            }
        }
    }

    private func readInterface(_ body: ArraySlice<UInt8>, offset: Int) throws(CaptureError) {
        guard body.count >= 8 else {
            throw CaptureError(
                code: .malformed, message: "interface description block at offset \(offset) is too short")
        }
        let linkType = LinkType(rawValue: UInt32(integer16(body.prefix(2))))
        var multiplier: Int64 = 1000
        var divisor: Int64 = 1
        var position = body.startIndex + 8
        while position + 4 <= body.endIndex {
            let code = integer16(body[position..<(position + 2)])
            let length = Int(integer16(body[(position + 2)..<(position + 4)]))
            position += 4
            guard position + length <= body.endIndex else { break }
            if code == 0 { break }
            if code == 9, length >= 1 {
                let resolution = body[position]
                let exponent = Int(resolution & 0x7f)
                if resolution & 0x80 == 0, exponent <= 18 {
                    let perSecond = power(10, exponent)
                    (multiplier, divisor) =
                        perSecond <= 1_000_000_000 ? (1_000_000_000 / perSecond, 1) : (1, perSecond / 1_000_000_000)
                } else if resolution & 0x80 != 0, exponent <= 62 {
                    (multiplier, divisor) = (1_000_000_000, Int64(1) << exponent)
                }
            }
            position += (length + 3) & ~3
        }
        interfaces.append(Interface(linkType: linkType, multiplier: multiplier, divisor: divisor))
    }

    private func power(_ base: Int64, _ exponent: Int) -> Int64 {
        var value: Int64 = 1
        for _ in 0..<exponent { value *= base }
        return value
    }

    private func packetBlock(type: UInt32, body: ArraySlice<UInt8>, offset: Int) throws(CaptureError) -> CapturedFrame?
    {
        let start = body.startIndex
        let interfaceID: Int
        var timestamp: UInt64 = 0
        let capturedLength: Int
        let originalLength: Int
        let dataStart: Int
        switch type {
        case 3:
            guard body.count >= 4 else {
                throw CaptureError(code: .malformed, message: "simple packet block at offset \(offset) is too short")
            }
            interfaceID = 0
            originalLength = Int(integer(body[start..<(start + 4)]))
            capturedLength = min(originalLength, body.count - 4)
            dataStart = start + 4
        default:
            guard body.count >= 20 else {
                throw CaptureError(code: .malformed, message: "packet block at offset \(offset) is too short")
            }
            if type == 2 {
                interfaceID = Int(integer16(body[start..<(start + 2)]))
            } else {
                interfaceID = Int(integer(body[start..<(start + 4)]))
            }
            timestamp =
                UInt64(integer(body[(start + 4)..<(start + 8)])) << 32
                | UInt64(integer(body[(start + 8)..<(start + 12)]))
            capturedLength = Int(integer(body[(start + 12)..<(start + 16)]))
            originalLength = Int(integer(body[(start + 16)..<(start + 20)]))
            dataStart = start + 20
        }
        guard interfaceID < interfaces.count else {
            throw CaptureError(
                code: .malformed, message: "packet block at offset \(offset) names unknown interface \(interfaceID)")
        }
        guard capturedLength <= body.endIndex - dataStart else {
            throw CaptureError(
                code: .malformed, message: "packet block at offset \(offset) claims \(capturedLength) captured bytes")
        }
        let interface = interfaces[interfaceID]
        frameCount += 1
        let nanoseconds =
            Int64(
                truncatingIfNeeded: timestamp.multipliedReportingOverflow(by: UInt64(interface.multiplier)).partialValue
            ) / interface.divisor
        return CapturedFrame(
            number: frameCount, timestamp: Timestamp(nanoseconds: nanoseconds), linkType: interface.linkType,
            bytes: Array(body[dataStart..<(dataStart + capturedLength)]), originalLength: originalLength)
    }

    /// Keeps TLS key logs (secrets type `TLSK`) so decryption works from a self-contained capture.
    private func readSecrets(_ body: ArraySlice<UInt8>) {
        guard body.count >= 8, integer(body.prefix(4)) == 0x544c_534b else { return }
        let length = Int(integer(body[(body.startIndex + 4)..<(body.startIndex + 8)]))
        let text = body.dropFirst(8).prefix(length)
        embeddedKeyLogLines += String(decoding: text, as: UTF8.self).split(whereSeparator: \.isNewline).map(String.init)
    }
}

/// Two lowercase hexadecimal digits for `byte`.
func hex(_ byte: UInt8) -> String {
    let digits: [Character] = Array("0123456789abcdef")
    return String([digits[Int(byte >> 4)], digits[Int(byte & 0xf)]])
}
