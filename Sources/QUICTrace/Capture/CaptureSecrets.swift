#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Embeds a TLS key log into a pcapng capture as a Decryption Secrets Block (block type `0x0000000A`, secrets type
/// TLS key log `0x544c534b`), as `editcap --inject-secrets tls,<key log>` does, so that Wireshark and `tshark -r`
/// decrypt the capture with no key-log option and ``CaptureReader`` finds the secrets in the file itself.
///
/// The block goes right behind the first Section Header Block, before any packet: readers apply secrets to the
/// packets that follow them.
public enum CaptureSecrets {
    /// pcapng block type of a Decryption Secrets Block.
    public static let blockType: UInt32 = 0x0000_000A
    /// Secrets type of a TLS key log in NSS format (`TLSK`).
    public static let tlsKeyLog: UInt32 = 0x544C_534B
    /// Bytes copied per read when the capture is rewritten.
    private static let chunkSize = 1 << 20

    /// The Decryption Secrets Block carrying `keyLog`, in the byte order of the section it joins: type, total length,
    /// secrets type, secrets length, the secrets padded to 32 bits, total length again.
    public static func decryptionSecretsBlock(keyLog: [UInt8], bigEndian: Bool = false) -> [UInt8] {
        let padding = (4 - keyLog.count % 4) % 4
        let length = UInt32(20 + keyLog.count + padding)
        func word(_ value: UInt32) -> [UInt8] {
            let bytes = (0..<4).map { UInt8(truncatingIfNeeded: value >> (8 * $0)) }
            return bigEndian ? bytes.reversed() : bytes
        }
        return word(blockType) + word(length) + word(tlsKeyLog) + word(UInt32(keyLog.count)) + keyLog
            + [UInt8](repeating: 0, count: padding) + word(length)
    }

    /// Rewrites the pcapng file at `path` with a Decryption Secrets Block holding `keyLog` (one line ending added
    /// when missing) behind its first section header. The new file is written beside the old one and renamed over
    /// it once complete, so a failure leaves the capture as it was.
    public static func embed(keyLog: String, into path: String) throws(CaptureError) {
        var secrets = Array(keyLog.utf8)
        if let last = secrets.last, last != UInt8(ascii: "\n") { secrets.append(UInt8(ascii: "\n")) }
        let input = open(path, O_RDONLY | O_CLOEXEC)
        guard input >= 0 else { throw CaptureError(code: .cannotOpen, message: "cannot open \(path): \(reason())") }
        defer { close(input) }
        let head = try readExactly(12, from: input, path: path, what: "the section header")
        guard head[0..<4] == [0x0A, 0x0D, 0x0D, 0x0A] else {
            throw CaptureError(code: .unknownFormat, message: "\(path) is not a pcapng file (no section header)")
        }
        let bigEndian: Bool
        switch (head[8], head[9], head[10], head[11]) {
        case (0x1A, 0x2B, 0x3C, 0x4D): bigEndian = true
        case (0x4D, 0x3C, 0x2B, 0x1A): bigEndian = false
        default:
            throw CaptureError(code: .malformed, message: "the section header of \(path) has no byte-order magic")
        }
        let lengthBytes = bigEndian ? Array(head[4..<8]) : head[4..<8].reversed()
        let length = Int(lengthBytes.reduce(UInt32(0)) { $0 << 8 | UInt32($1) })
        guard length >= 28, length % 4 == 0, length <= 1 << 20 else {
            throw CaptureError(
                code: .malformed, message: "the section header of \(path) has an invalid length \(length)")
        }
        let rest = try readExactly(length - 12, from: input, path: path, what: "the section header")
        let prefix = head + rest + decryptionSecretsBlock(keyLog: secrets, bigEndian: bigEndian)

        let temporary = path + ".secrets"
        let output = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard output >= 0 else {
            throw CaptureError(code: .cannotWrite, message: "cannot create \(temporary): \(reason())")
        }
        do {
            try copy(from: input, path, to: output, temporary, prefix: prefix)
        } catch {
            close(output)
            unlink(temporary)
            throw error
        }
        guard close(output) == 0, rename(temporary, path) == 0 else {
            let failure = CaptureError(code: .cannotWrite, message: "cannot replace \(path): \(reason())")
            unlink(temporary)
            throw failure
        }
    }

    /// Writes `prefix`, then the rest of `input` (read from where it stands) to `output`.
    private static func copy(
        from input: Int32, _ inputPath: String, to output: Int32, _ outputPath: String, prefix: [UInt8]
    ) throws(CaptureError) {
        try writeAll(prefix[...], to: output, outputPath)
        var chunk = [UInt8](repeating: 0, count: chunkSize)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(input, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw CaptureError(code: .cannotOpen, message: "cannot read \(inputPath): \(reason())")
            }
            if count == 0 { return }
            try writeAll(chunk[..<count], to: output, outputPath)
        }
    }

    /// Exactly `count` bytes from `descriptor`; the file ending first is a truncated capture.
    private static func readExactly(
        _ count: Int, from descriptor: Int32, path: String, what: String
    ) throws(CaptureError) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: count)
        var filled = 0
        while filled < count {
            let got = bytes.withUnsafeMutableBytes { read(descriptor, $0.baseAddress! + filled, count - filled) }
            if got < 0 {
                if errno == EINTR { continue }
                throw CaptureError(code: .cannotOpen, message: "cannot read \(path): \(reason())")
            }
            guard got > 0 else {
                throw CaptureError(code: .truncated, message: "\(path) ends inside \(what)")
            }
            filled += got
        }
        return bytes
    }

    /// Writes all of `bytes` to `descriptor`.
    private static func writeAll(_ bytes: ArraySlice<UInt8>, to descriptor: Int32, _ path: String) throws(CaptureError)
    {
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress! + offset, $0.count - offset) }
            if written < 0 {
                if errno == EINTR { continue }
                throw CaptureError(code: .cannotWrite, message: "cannot write \(path): \(reason())")
            }
            offset += written
        }
    }

    /// The text of the current `errno`.
    private static func reason() -> String { String(cString: strerror(errno)) }
}
