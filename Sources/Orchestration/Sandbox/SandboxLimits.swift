/// The limits every local-command endpoint runs under (the spec's `limits:`); each endpoint has its own.
///
/// The defaults leave ample room for the largest test case: `crosstraffic` downloads 25 MB and its qlogs are of the
/// same order, `multiplexing` writes 2,000 files, a Go or Python endpoint runs a few dozen threads.
/// Invariants: every limit is positive.
public struct SandboxLimits: Sendable, Hashable {
    /// The largest file an endpoint may write, in bytes (RLIMIT_FSIZE), its output log included.
    public var fileSize: UInt64
    /// What an endpoint may keep in `/downloads`, `/logs` and `/tmp` together, in bytes: the size of the tmpfs that
    /// holds them. It also holds one file or folder per ``bytesPerFile`` of it.
    public var writes: UInt64
    /// How many processes and threads an endpoint may have at once.
    public var processes: Int

    /// Creates limits.
    public init(fileSize: UInt64, writes: UInt64, processes: Int) {
        assert(fileSize > 0 && writes > 0 && processes > 0, "limits are positive")
        self.fileSize = fileSize
        self.writes = writes
        self.processes = processes
    }

    /// 256 MiB per file, 512 MiB written, 1,024 processes and threads.
    public static let defaults = SandboxLimits(fileSize: 256 << 20, writes: 512 << 20, processes: 1024)

    /// The write budget per file or folder: a tmpfs limits its inodes separately from its bytes, and empty files
    /// would otherwise be free.
    public static let bytesPerFile: UInt64 = 8 << 10

    /// How many files and folders the write limit allows (at least 64, for the contract's own folders).
    var files: UInt64 { max(64, writes / Self.bytesPerFile) }
}
