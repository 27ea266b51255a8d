#if canImport(Glibc)
    import Glibc
#endif

/// Why the launcher could not start the endpoint: the step, the path it concerned and the cause.
///
/// The launcher prints ``line`` to standard error and exits with ``exitCode``, 126, the shell's "found but could not
/// run" code; never 127, which the endpoint contract reserves for "test case unsupported".
public struct LaunchFailure: Error, Sendable, Hashable, CustomStringConvertible {
    /// Which part of the launch failed.
    public enum Code: String, Sendable, Hashable {
        /// The command line is malformed.
        case usage
        /// The network namespace could not be opened or joined.
        case networkNamespace
        /// The private mount namespace could not be made or `/sys` remounted for the new network namespace.
        case mountNamespace
        /// A directory or the hosts file could not be bound.
        case bind
        /// The working directory could not be entered.
        case workingDirectory
        /// The cgroup could not be joined.
        case cgroup
        /// The host could not be made read-only, a limit not set or the privileges not dropped.
        case confinement
        /// Signal dispositions or the mask could not be reset.
        case signals
        /// The command could not be executed.
        case exec
    }

    /// The exit status of a launch that failed before the endpoint ran.
    public static let exitCode: Int32 = 126

    /// The kind of failure.
    public var code: Code
    /// The step, in words (`bind /tmp/x onto /www`).
    public var step: String
    /// The cause (an `strerror` text or a usage hint).
    public var detail: String

    /// Creates a failure.
    public init(code: Code, step: String, detail: String) {
        self.code = code
        self.step = step
        self.detail = detail
    }

    /// A failure of a system call, described by the current `errno`.
    static func system(_ code: Code, _ step: String) -> LaunchFailure {
        LaunchFailure(code: code, step: step, detail: String(cString: strerror(errno)))
    }

    /// The one line the launcher prints.
    public var line: String { "interop-endpoint-exec: \(step): \(detail)" }

    public var description: String { line }
}
