#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Sequential, buffered reads from a file descriptor; the file is never loaded whole, so memory stays constant
/// however large the capture is.
///
/// Owns its descriptor and closes it in `deinit`.
final class FileByteStream {
    private let descriptor: Int32
    private var buffer: [UInt8]
    private var start = 0
    private var end = 0
    private var reachedEnd = false
    /// Bytes consumed so far, for diagnostics that name a file offset.
    private(set) var offset = 0

    /// Opens `path` for reading.
    init(path: String, bufferSize: Int = 1 << 18) throws(CaptureError) {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw CaptureError(code: .cannotOpen, message: "cannot open \(path): \(String(cString: strerror(errno)))")
        }
        self.descriptor = descriptor
        self.buffer = [UInt8](repeating: 0, count: bufferSize)
    }

    deinit {
        close(descriptor)
    }

    /// Reads exactly `count` bytes; returns nil at a clean end of file (no byte available) and throws when the
    /// file ends part-way.
    func read(_ count: Int, what: String) throws(CaptureError) -> [UInt8]? {
        var result = [UInt8]()
        result.reserveCapacity(count)
        while result.count < count {
            if start == end {
                try refill()
                if start == end {
                    if result.isEmpty { return nil }
                    throw CaptureError(
                        code: .truncated,
                        message: "file ends inside \(what) at offset \(offset) (\(result.count) of \(count) bytes)")
                }
            }
            let take = min(count - result.count, end - start)
            result.append(contentsOf: buffer[start..<(start + take)])
            start += take
            offset += take
        }
        return result
    }

    /// Discards exactly `count` bytes, throwing when the file ends first.
    func skip(_ count: Int, what: String) throws(CaptureError) {
        var left = count
        while left > 0 {
            if start == end {
                try refill()
                if start == end {
                    throw CaptureError(code: .truncated, message: "file ends inside \(what) at offset \(offset)")
                }
            }
            let take = min(left, end - start)
            start += take
            offset += take
            left -= take
        }
    }

    private func refill() throws(CaptureError) {
        guard !reachedEnd else { return }
        start = 0
        end = 0
        while true {
            let count = buffer.withUnsafeMutableBytes { systemRead(descriptor, $0) }
            if count < 0 {
                if errno == EINTR { continue }
                throw CaptureError(code: .cannotOpen, message: "read error: \(String(cString: strerror(errno)))")
            }
            if count == 0 { reachedEnd = true }
            end = count
            return
        }
    }
}

/// Reads into `buffer` from `descriptor`; a free function so the name does not clash with the stream's method.
private func systemRead(_ descriptor: Int32, _ buffer: UnsafeMutableRawBufferPointer) -> Int {
    read(descriptor, buffer.baseAddress, buffer.count)
}
