/// A limit of the endpoint sandbox that an endpoint reached, with its value, as the job's reason names it.
public enum SandboxLimit: Sendable, Hashable, CustomStringConvertible {
    /// A write stopped at the largest file size (RLIMIT_FSIZE).
    case fileSize(UInt64)
    /// `/downloads`, `/logs` and `/tmp` were full (bytes or files).
    case writes(UInt64)
    /// A fork or thread was refused at the process limit.
    case processes(Int)

    public var description: String {
        switch self {
        case .fileSize(let bytes): "the file size limit (\(Self.format(bytes)) per file)"
        case .writes(let bytes): "the write limit (\(Self.format(bytes)) in /downloads, /logs and /tmp)"
        case .processes(let count): "the process limit (\(count) processes and threads)"
        }
    }

    /// `512 MiB`, `3 KiB` or `1000 bytes`: the largest binary unit that divides the value.
    public static func format(_ bytes: UInt64) -> String {
        for (shift, unit) in [(30, "GiB"), (20, "MiB"), (10, "KiB")] where bytes >= 1 << shift {
            if bytes % (1 << shift) == 0 { return "\(bytes >> shift) \(unit)" }
        }
        return "\(bytes) bytes"
    }
}
