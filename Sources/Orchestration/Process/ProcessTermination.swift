/// How a process ended.
public enum ProcessTermination: Sendable, Hashable, CustomStringConvertible {
    /// It exited with this status (127 from an endpoint means "test case unsupported").
    case exited(Int32)
    /// A signal ended it.
    case signaled(Int32)
    /// A sandboxed endpoint reached these limits of its sandbox, then ended as the second value says.
    indirect case limitReached([SandboxLimit], ProcessTermination)

    /// Whether it exited with status 0 (an endpoint that reached a limit never did, whatever its status).
    public var isSuccess: Bool { self == .exited(0) }

    public var description: String {
        switch self {
        case .exited(let status): "exited with status \(status)"
        case .signaled(let signal): "killed by signal \(signal)"
        case .limitReached(let limits, let then):
            "reached \(limits.map(\.description).joined(separator: " and ")) and \(then)"
        }
    }
}
