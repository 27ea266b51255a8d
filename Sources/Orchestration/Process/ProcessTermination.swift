/// How a process ended.
public enum ProcessTermination: Sendable, Hashable, CustomStringConvertible {
    /// It exited with this status (127 from an endpoint means "test case unsupported").
    case exited(Int32)
    /// A signal ended it.
    case signaled(Int32)

    /// Whether it exited with status 0.
    public var isSuccess: Bool { self == .exited(0) }

    public var description: String {
        switch self {
        case .exited(let status): "exited with status \(status)"
        case .signaled(let signal): "killed by signal \(signal)"
        }
    }
}
