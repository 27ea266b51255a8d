import CLinuxSupport

#if canImport(Glibc)
    import Glibc
#endif

/// A size-limited tmpfs that holds what one sandboxed endpoint may write (`downloads/`, `logs/`, `tmp/`), owned by
/// the endpoint's user and mounted in the host's mount namespace below the job's workspace.
///
/// A tmpfs is the one cap on written bytes that needs neither a special file system nor a slow loop device, and its
/// writes stop with ENOSPC exactly at the limit. After the endpoint, what it wrote is copied to the job's folders
/// (regular files and folders only: a symbolic link or a FIFO an endpoint left is not followed by the root runner)
/// and the tmpfs is unmounted, so its memory is freed and nothing outside the job's folders changed.
struct ScratchFolder: Sendable {
    /// The folders an endpoint writes, by contract target.
    static let folders = ["/downloads": "downloads", "/logs": "logs", "/tmp": "tmp"]
    /// How deep a tree is copied out; deeper entries are skipped (counted), so no endpoint can exhaust the runner's
    /// stack or path length.
    static let maximumDepth = 64

    /// The mount point.
    let path: String

    /// Mounts a tmpfs of `limits.writes` bytes and ``SandboxLimits/files`` inodes at `path` (created), owned by
    /// `user`, with the ``folders`` inside.
    init(at path: String, user: UInt32, limits: SandboxLimits) throws(JobSetupError) {
        self.path = path
        guard mkdir(path, 0o700) == 0 else {
            throw JobSetupError(code: .sandbox, path: path, detail: String(cString: strerror(errno)))
        }
        let options = "size=\(limits.writes),nr_inodes=\(limits.files),mode=0755,uid=\(user),gid=\(user)"
        guard mount("qir-sandbox", path, "tmpfs", UInt(MS_NOSUID | MS_NODEV), options) == 0 else {
            let detail = String(cString: strerror(errno))
            rmdir(path)
            throw JobSetupError(code: .sandbox, path: path, detail: "mount tmpfs (\(options)): \(detail)")
        }
        for name in Self.folders.values.sorted() {
            let folder = path + "/" + name
            guard mkdir(folder, 0o755) == 0, chown(folder, user, user) == 0 else {
                let detail = String(cString: strerror(errno))
                remove()
                throw JobSetupError(code: .sandbox, path: folder, detail: detail)
            }
        }
    }

    /// The folder for contract target `target` (`/downloads`, `/logs`, `/tmp`).
    func folder(for target: String) -> String? {
        Self.folders[target].map { path + "/" + $0 }
    }

    /// Whether the tmpfs is full: no byte or no inode left, which is how a write past the limit ends.
    var isFull: Bool {
        var status = statvfs()
        guard statvfs(path, &status) == 0 else { return false }
        return status.f_bavail == 0 || status.f_favail == 0
    }

    /// Copies the tree of `source` (a folder of this scratch) into `destination` (an existing folder); returns the
    /// largest file copied and how many entries were skipped (not a regular file or folder, or too deep).
    ///
    /// - Throws: ``JobSetupError`` when a file cannot be read or written: the runner's fault.
    func copyTree(_ source: String, to destination: String) throws(JobSetupError) -> (largest: UInt64, skipped: Int) {
        var largest: UInt64 = 0
        var skipped = 0
        // An explicit stack rather than recursion: the endpoint decides the tree's shape.
        var pending: [(from: String, to: String, depth: Int)] = [(source, destination, 0)]
        while let (from, to, depth) = pending.popLast() {
            for name in try Self.entries(of: from) {
                let item = from + "/" + name
                let target = to + "/" + name
                var size: UInt64 = 0
                var kind: CChar = 0
                guard qir_file_size_and_kind(item, &size, &kind) == 0 else {
                    throw JobSetupError(code: .sandbox, path: item, detail: String(cString: strerror(errno)))
                }
                switch UInt8(bitPattern: kind) {
                case UInt8(ascii: "f"):
                    try Self.copyFile(item, to: target)
                    largest = max(largest, size)
                case UInt8(ascii: "d") where depth < Self.maximumDepth:
                    guard mkdir(target, 0o755) == 0 || errno == EEXIST else {
                        throw JobSetupError(code: .directory, path: target, detail: String(cString: strerror(errno)))
                    }
                    pending.append((item, target, depth + 1))
                default:
                    skipped += 1
                }
            }
        }
        return (largest, skipped)
    }

    /// Unmounts the tmpfs (detached: a dead endpoint's mount namespace may still hold it a moment) and removes the
    /// mount point.
    func remove() {
        umount2(path, Int32(MNT_DETACH))
        rmdir(path)
    }

    private static func entries(of folder: String) throws(JobSetupError) -> [String] {
        guard let directory = opendir(folder) else {
            throw JobSetupError(code: .sandbox, path: folder, detail: String(cString: strerror(errno)))
        }
        defer { closedir(directory) }
        var names: [String] = []
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) {
                String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names
    }

    private static func copyFile(_ source: String, to target: String) throws(JobSetupError) {
        let input = open(source, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)
        guard input >= 0 else {
            throw JobSetupError(code: .sandbox, path: source, detail: String(cString: strerror(errno)))
        }
        defer { close(input) }
        let output = open(target, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, 0o644)
        guard output >= 0 else {
            throw JobSetupError(code: .cannotWriteFile, path: target, detail: String(cString: strerror(errno)))
        }
        defer { close(output) }
        var buffer = [UInt8](repeating: 0, count: 1 << 20)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(input, $0.baseAddress, $0.count) }
            guard count >= 0 else {
                throw JobSetupError(code: .sandbox, path: source, detail: String(cString: strerror(errno)))
            }
            if count == 0 { return }
            var written = 0
            while written < count {
                let step = buffer.withUnsafeBytes { write(output, $0.baseAddress! + written, count - written) }
                guard step > 0 else {
                    throw JobSetupError(code: .cannotWriteFile, path: target, detail: String(cString: strerror(errno)))
                }
                written += step
            }
        }
    }
}
