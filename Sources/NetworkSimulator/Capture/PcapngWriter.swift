#if canImport(Glibc)
    import Glibc
#endif

/// Writes a pcapng capture of one interface (link type Ethernet, microsecond timestamps), as upstream's `dumpcap`
/// on the simulator's `eth0`/`eth1` does, buffered so the packet path does one `write` per 1 MiB.
///
/// The file holds one section: a Section Header Block, one Interface Description Block and an Enhanced Packet Block
/// per frame, all little-endian. After the job the runner inserts a Decryption Secrets Block behind the section
/// header (QUICTrace's `CaptureSecrets`), which is why the format is pcapng and not classic pcap.
final class PcapngWriter {
    /// A capture file that cannot be created or written.
    struct WriteError: Error, CustomStringConvertible {
        let path: String
        let errno: Int32
        var description: String { "cannot write capture \(path): \(String(cString: strerror(errno)))" }
    }

    /// The longest frame kept whole; longer ones are cut (a veth MTU of 1500 never comes close).
    static let snapLength = 65_535

    private let path: String
    private let fd: Int32
    private var buffer: [UInt8] = []
    private let flushThreshold = 1 << 20

    /// Creates (truncates) the file and writes the section header and the description of `interface`.
    init(path: String, interface: String) throws(WriteError) {
        self.path = path
        fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw WriteError(path: path, errno: errno) }
        buffer.reserveCapacity(flushThreshold + 65_536)
        writeSectionHeader()
        writeInterfaceDescription(name: interface)
    }

    deinit {
        try? flush()
        close(fd)
    }

    /// Appends one frame captured at `wallNanoseconds` since the Unix epoch as an Enhanced Packet Block.
    func record(_ frame: UnsafeRawPointer, length: Int, wallNanoseconds: UInt64) throws(WriteError) {
        let captured = min(length, Self.snapLength)
        let padding = Self.padding(captured)
        let blockLength = UInt32(32 + captured + padding)
        let microseconds = wallNanoseconds / 1000
        append32(6)
        append32(blockLength)
        append32(0)
        append32(UInt32(truncatingIfNeeded: microseconds >> 32))
        append32(UInt32(truncatingIfNeeded: microseconds))
        append32(UInt32(captured))
        append32(UInt32(length))
        buffer.append(contentsOf: UnsafeRawBufferPointer(start: frame, count: captured))
        buffer.append(contentsOf: repeatElement(0, count: padding))
        append32(blockLength)
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

    /// Section Header Block: byte-order magic, version 1.0, unknown section length, the writing application.
    private func writeSectionHeader() {
        let options = Self.option(code: 4, Array("interop-sim".utf8)) + Self.endOfOptions
        let length = UInt32(28 + options.count)
        append32(0x0A0D_0D0A)
        append32(length)
        append32(0x1A2B_3C4D)
        append16(1)
        append16(0)
        append32(0xFFFF_FFFF)
        append32(0xFFFF_FFFF)
        buffer += options
        append32(length)
    }

    /// Interface Description Block: Ethernet, the snap length, the interface's name and microsecond timestamps.
    private func writeInterfaceDescription(name: String) {
        let options = Self.option(code: 2, Array(name.utf8)) + Self.option(code: 9, [6]) + Self.endOfOptions
        let length = UInt32(20 + options.count)
        append32(1)
        append32(length)
        append16(1)
        append16(0)
        append32(UInt32(Self.snapLength))
        buffer += options
        append32(length)
    }

    /// One option: code, length, value padded to 32 bits.
    private static func option(code: UInt16, _ value: [UInt8]) -> [UInt8] {
        littleEndian16(code) + littleEndian16(UInt16(value.count)) + value
            + Array(repeating: 0, count: padding(value.count))
    }

    /// `opt_endofopt`.
    private static let endOfOptions: [UInt8] = [0, 0, 0, 0]

    /// Zero bytes that bring `count` to a multiple of four.
    private static func padding(_ count: Int) -> Int { (4 - count % 4) % 4 }

    private static func littleEndian16(_ value: UInt16) -> [UInt8] { [UInt8(value & 0xFF), UInt8(value >> 8)] }

    private func append32(_ value: UInt32) {
        withUnsafeBytes(of: value.littleEndian) { buffer.append(contentsOf: $0) }
    }

    private func append16(_ value: UInt16) {
        withUnsafeBytes(of: value.littleEndian) { buffer.append(contentsOf: $0) }
    }
}
