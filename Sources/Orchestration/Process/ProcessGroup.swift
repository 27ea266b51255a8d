#if canImport(Glibc)
    public import Glibc
#endif

/// A running process that leads its own session and process group, as ``withProcessGroup(_:_:)`` hands it out.
///
/// The group's id is the leader's pid, so signals sent with ``signal(_:)`` reach every process the leader started
/// (an endpoint's shell script and the binary it runs). The pid stays valid (at worst a zombie) until the scope ends.
public struct ProcessGroup: Sendable, Hashable {
    /// The leader's process id, which is also the group's id.
    public let pid: pid_t

    /// Sends `signal` to every process of the group; a group that is already gone is not an error.
    public func signal(_ signal: Int32) {
        _ = kill(-pid, signal)
    }
}
