#if canImport(Glibc)
    import Glibc
#endif

/// Returns once process `pid` has exited: its `/proc` entry is gone or it is a zombie.
///
/// `pid` must be a child that has not been reaped (any pid inside a ``withProcessGroup(_:_:)`` scope is: the
/// scope reaps it only when its body returns), so the pid cannot name another process meanwhile.
///
/// - Throws: `CancellationError` when the calling task is cancelled.
func waitForExit(of pid: pid_t, pollInterval: Duration = .milliseconds(20)) async throws {
    while !UDPSocketTable.isGone(pid) {
        try await Task.sleep(for: pollInterval)
    }
}
