/// The runner could not set up or run a piece of a job (certificates, mount points, a process): an infrastructure
/// fault, never a verdict on an implementation.
public struct JobSetupError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What went wrong.
    public enum Code: String, Sendable, Hashable {
        /// A certificate or key could not be made (bad chain length, a signing failure).
        case certificateGeneration
        /// A directory could not be created or removed.
        case directory
        /// A file could not be written.
        case cannotWriteFile
        /// A process could not be started or its log file opened.
        case spawn
        /// A `/proc` file of a process could not be read for a reason other than the process being gone.
        case procfs
        /// The runner lacks a privilege jobs need (root, for namespaces and mounts).
        case permission
        /// A helper executable of the runner is not where it should be.
        case missingExecutable
        /// An endpoint's sandbox could not be made or ended (scratch tmpfs, cgroup, a process that survived).
        case sandbox
    }

    /// The kind of failure.
    public var code: Code
    /// The path (or other subject) involved.
    public var path: String
    /// The underlying cause, in words.
    public var detail: String

    /// Creates an error.
    public init(code: Code, path: String, detail: String) {
        self.code = code
        self.path = path
        self.detail = detail
    }

    public var description: String { "\(code.rawValue) at \(path): \(detail)" }
}
