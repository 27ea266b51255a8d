#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// What a directory entry is, seen without following a symbolic link.
enum EntryKind: Equatable {
    case regular(size: Int)
    case directory
    case symbolicLink
    case other
}

/// File system access for the checks that never follows a symbolic link.
///
/// Endpoints write the downloads directories, so a check must not be led outside the job by a link an
/// endpoint planted; every look-up uses `lstat` and every open uses `O_NOFOLLOW`.
enum FileInspector {
    /// The kind of the entry at `path`, or `nil` when nothing is there.
    static func kind(at path: String) -> EntryKind? {
        var info = stat()
        guard lstat(path, &info) == 0 else { return nil }
        return kind(of: info)
    }

    /// Opens the regular file at `path` for reading, refusing a symbolic link or anything but a regular file.
    static func openRegularFile(at path: String) -> OpenFile? {
        let descriptor = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK)
        guard descriptor >= 0 else { return nil }
        let file = OpenFile(descriptor: descriptor)
        var info = stat()
        guard fstat(descriptor, &info) == 0, case .regular(let size) = kind(of: info) else { return nil }
        file.size = size
        return file
    }

    private static func kind(of info: stat) -> EntryKind {
        switch info.st_mode & S_IFMT {
        case S_IFREG: .regular(size: Int(info.st_size))
        case S_IFDIR: .directory
        case S_IFLNK: .symbolicLink
        default: .other
        }
    }
}

/// A file opened for reading; closed when the value goes away.
final class OpenFile {
    private let descriptor: Int32
    /// The size `fstat` reported when the file was opened.
    fileprivate(set) var size = 0

    fileprivate init(descriptor: Int32) {
        self.descriptor = descriptor
    }

    deinit {
        close(descriptor)
    }

    /// Reads up to `buffer.count` bytes; returns how many were read, 0 at the end, `nil` on an error.
    func readSome(into buffer: UnsafeMutableRawBufferPointer) -> Int? {
        while true {
            let count = read(descriptor, buffer.baseAddress, buffer.count)
            if count >= 0 { return count }
            if errno != EINTR { return nil }
        }
    }

    /// Fills `buffer` as far as the file allows; returns how many bytes it holds, `nil` on an error.
    func readFully(into buffer: UnsafeMutableRawBufferPointer) -> Int? {
        var total = 0
        while total < buffer.count {
            let rest = UnsafeMutableRawBufferPointer(rebasing: buffer[total...])
            guard let count = readSome(into: rest) else { return nil }
            if count == 0 { break }
            total += count
        }
        return total
    }
}
