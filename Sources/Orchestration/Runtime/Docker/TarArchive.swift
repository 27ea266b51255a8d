/// A POSIX ustar archive built in memory, enough to hand `docker import` a root filesystem of a few files.
///
/// Invariant: every name is relative, at most 100 bytes, and without `..`.
struct TarArchive {
    private(set) var bytes: [UInt8] = []

    /// Adds a regular file with `mode` (e.g. `0o755`).
    mutating func addFile(named name: String, mode: Int, contents: [UInt8]) {
        assert(!name.hasPrefix("/") && !name.contains("..") && name.utf8.count <= 100, "a plain relative name")
        var header = [UInt8](repeating: 0, count: 512)
        func put(_ text: String, at offset: Int, width: Int) {
            for (index, byte) in text.utf8.prefix(width).enumerated() { header[offset + index] = byte }
        }
        func octal(_ value: Int, width: Int) -> String {
            let digits = String(value, radix: 8)
            return String(repeating: "0", count: max(0, width - 1 - digits.count)) + digits
        }
        put(name, at: 0, width: 100)
        put(octal(mode, width: 8), at: 100, width: 7)
        put(octal(0, width: 8), at: 108, width: 7)
        put(octal(0, width: 8), at: 116, width: 7)
        put(octal(contents.count, width: 12), at: 124, width: 11)
        put(octal(0, width: 12), at: 136, width: 11)
        put("0", at: 156, width: 1)
        put("ustar", at: 257, width: 6)
        put("00", at: 263, width: 2)
        // The checksum is computed with its own field as eight spaces.
        put("        ", at: 148, width: 8)
        let sum = header.reduce(0) { $0 + Int($1) }
        put(octal(sum, width: 7) + "\0 ", at: 148, width: 8)
        bytes += header
        bytes += contents
        bytes += [UInt8](repeating: 0, count: (512 - contents.count % 512) % 512)
    }

    /// The archive with its two closing zero blocks.
    var finished: [UInt8] { bytes + [UInt8](repeating: 0, count: 1024) }
}
