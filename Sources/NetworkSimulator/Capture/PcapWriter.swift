#if canImport(Glibc)
    import Glibc
#endif

/// Writes a classic pcap file (microsecond timestamps, link type Ethernet) as upstream's `dumpcap` captures on
/// the simulator's `eth0`/`eth1` would contain, buffered so the packet path does one `write` per 1 MiB.
final class PcapWriter {
    /// A capture file that cannot be created or written.
    struct WriteError: Error, CustomStringConvertible {
        let path: String
        let errno: Int32
        var description: String { "cannot write capture \(path): \(String(cString: strerror(errno)))" }
    }

    private let path: String
    private let fd: Int32
    private var buffer: [UInt8] = []
    private let flushThreshold = 1 << 20

    /// Creates (truncates) the file and writes the pcap header.
    init(path: String) throws(WriteError) {
        self.path = path
        fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw WriteError(path: path, errno: errno) }
        buffer.reserveCapacity(flushThreshold + 65_536)
        append32(0xA1B2_C3D4)
        append16(2)
        append16(4)
        append32(0)
        append32(0)
        append32(65_535)
        append32(1)
    }

    deinit {
        try? flush()
        close(fd)
    }

    /// Appends one frame captured at `wallNanoseconds` since the Unix epoch.
    func record(_ frame: UnsafeRawPointer, length: Int, wallNanoseconds: UInt64) throws(WriteError) {
        append32(UInt32(truncatingIfNeeded: wallNanoseconds / 1_000_000_000))
        append32(UInt32(truncatingIfNeeded: wallNanoseconds % 1_000_000_000 / 1000))
        append32(UInt32(length))
        append32(UInt32(length))
        buffer.append(contentsOf: UnsafeRawBufferPointer(start: frame, count: length))
        if buffer.count >= flushThreshold { try flush() }
    }

    /// Writes everything buffered to the file.
    func flush() throws(WriteError) {
        var offset = 0
        while offset < buffer.count {
            let written = buffer.withUnsafeBytes { bytes in
                write(fd, bytes.baseAddress.unsafelyUnwrapped + offset, bytes.count - offset)
            }
            if written < 0 {
                if errno == EINTR { continue }
                throw WriteError(path: path, errno: errno)
            }
            offset += written
        }
        buffer.removeAll(keepingCapacity: true)
    }

    private func append32(_ value: UInt32) {
        withUnsafeBytes(of: value.littleEndian) { buffer.append(contentsOf: $0) }
    }

    private func append16(_ value: UInt16) {
        withUnsafeBytes(of: value.littleEndian) { buffer.append(contentsOf: $0) }
    }
}
