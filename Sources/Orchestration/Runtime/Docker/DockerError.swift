/// Docker could not do what a job needed: a fault of the machine or its set-up, never a verdict on an
/// implementation. Each message says what failed and what to do about it.
public struct DockerError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What went wrong.
    public enum Code: String, Sendable, Hashable {
        /// No `docker` executable in `PATH`.
        case cliMissing
        /// The daemon did not answer (not running, no permission on its socket, a wrong `DOCKER_HOST`).
        case daemonUnreachable
        /// An image is not on the machine and could not be pulled.
        case imageMissing
        /// The runner's helper image (the namespace holder) could not be built.
        case holderImage
        /// A container could not be created, started, inspected or removed.
        case container
        /// A `docker` command did not answer in time.
        case timeout
    }

    /// The kind of failure.
    public var code: Code
    /// What failed and what to do, in words.
    public var message: String

    /// Creates an error.
    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }
}
