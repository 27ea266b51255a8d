/// How a run sandboxes its local-command endpoints: the limits (the spec's `limits:`), the run's `pids` cgroup folder
/// when the machine has one, and the users it hands out. Part of ``RunEnvironment``.
public struct RunSandbox: Sendable {
    /// The limits of every endpoint.
    public var limits: SandboxLimits
    /// The run's cgroup folder, or `nil` without a cgroup v1 `pids` hierarchy (see ``PidsCgroups``).
    let cgroups: PidsCgroups?
    /// One user per endpoint run.
    let users: SandboxUsers

    /// The user ids sandboxed endpoints run as, in any run (a benchmark counts the processes left with them).
    public static var userIDs: Range<UInt32> { SandboxUsers.range }

    /// A sandbox with `limits`, the run's cgroup folder (if any) and a fresh block of users.
    init(limits: SandboxLimits, cgroups: PidsCgroups?) {
        self.limits = limits
        self.cgroups = cgroups
        self.users = SandboxUsers()
    }
}
