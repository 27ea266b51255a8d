import CLinuxSupport

#if canImport(Glibc)
    import Glibc
#endif

/// Turns the launcher process into the endpoint: joins the endpoint's cgroup and the job's network namespace, builds a
/// private mount namespace with the job's directories and hosts file, confines itself (read-only host, limits, an
/// unprivileged user without capabilities, no new namespaces) and executes the command with a clean environment and
/// default signals.
///
/// Everything happens in this process between `exec`s, so the runner's pid for the launcher is the endpoint's pid,
/// signals sent to it reach the endpoint, and nothing mounted here is visible outside (the mount namespace dies with
/// the endpoint's last process). The order matters: the cgroup is joined before anything can fork, the mounts are
/// made while the launcher still has the capabilities for them, and the privileges go last.
public enum Launcher {
    /// Runs the launcher with `arguments` (without the program name); never returns.
    ///
    /// On failure prints ``LaunchFailure/line`` to standard error and exits with ``LaunchFailure/exitCode``.
    public static func main(arguments: [String]) -> Never {
        do {
            try launch(LaunchRequest.parse(arguments))
        } catch {
            let line = Array((error.line + "\n").utf8)
            _ = line.withUnsafeBytes { write(STDERR_FILENO, $0.baseAddress, $0.count) }
            exit(LaunchFailure.exitCode)
        }
    }

    /// Performs the launch steps in order and `execve`s the command; returns only by throwing.
    public static func launch(_ request: LaunchRequest) throws(LaunchFailure) -> Never {
        // First, so that a teardown signal sent while the launcher is still mounting already ends it: the runner may
        // have been started with SIGTERM ignored, and an ignored signal stays ignored across exec.
        try resetSignals()
        if let cgroup = request.cgroup {
            try joinCgroup(cgroup)
        }
        try joinNetworkNamespace(request.networkNamespace)
        try makePrivateMountNamespace()
        // The hosts file first: a later bind over `/tmp` (the sandbox's private one) would hide a source below it.
        if let hostsFile = request.hostsFile {
            try bindMount(source: hostsFile, target: "/etc/hosts", readOnly: false)
        }
        for bind in request.binds {
            try bindMount(source: bind.source, target: bind.target, readOnly: bind.readOnly)
        }
        if request.confinement != nil {
            try makeHostReadOnly(keepingWritable: request.binds.filter { !$0.readOnly }.map(\.target))
        }
        if let directory = request.workingDirectory, chdir(directory) != 0 {
            throw .system(.workingDirectory, "change directory to \(directory)")
        }
        try setLimits(of: request)
        if let confinement = request.confinement {
            try dropPrivileges(to: confinement)
        }
        try execute(request.command, environment: request.effectiveEnvironment)
    }

    private static func joinCgroup(_ directory: String) throws(LaunchFailure) {
        let path = directory + "/cgroup.procs"
        let descriptor = open(path, O_WRONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw .system(.cgroup, "open \(path)")
        }
        defer { close(descriptor) }
        let pid = Array("\(getpid())".utf8)
        guard pid.withUnsafeBytes({ write(descriptor, $0.baseAddress, $0.count) }) == pid.count else {
            throw .system(.cgroup, "join the cgroup \(directory)")
        }
    }

    /// Makes every mount of the private namespace read-only, then the writable binds writable again: the endpoint
    /// writes nowhere but its contract folders and its private `/tmp`, whatever path it takes to get elsewhere.
    private static func makeHostReadOnly(keepingWritable targets: [String]) throws(LaunchFailure) {
        guard qir_make_mount_tree_read_only("/") == 0 else {
            throw .system(.confinement, "make the host's mounts read-only")
        }
        for target in targets where qir_make_mount_writable(target) != 0 {
            throw .system(.confinement, "make \(target) writable")
        }
    }

    private static func setLimits(of request: LaunchRequest) throws(LaunchFailure) {
        var limits: [(resource: Int32, value: UInt64, name: String)] = []
        if let bytes = request.fileSizeLimit {
            limits.append((QIR_RLIMIT_FSIZE, bytes, "the file size limit"))
        }
        if let count = request.processLimit {
            limits.append((QIR_RLIMIT_NPROC, count, "the process limit"))
        }
        // A confined endpoint killed by a limit (SIGXFSZ dumps core) must not write a core file, nor hand one to the
        // host's core_pattern helper.
        if request.confinement != nil {
            limits.append((QIR_RLIMIT_CORE, 0, "the core file limit"))
        }
        for limit in limits where qir_lower_limit(limit.resource, limit.value) != 0 {
            throw .system(.confinement, "set \(limit.name) to \(limit.value)")
        }
    }

    private static func dropPrivileges(to confinement: LaunchRequest.Confinement) throws(LaunchFailure) {
        let user = "\(confinement.user):\(confinement.group)"
        guard qir_drop_bounding_capabilities(QIR_CAP_NET_BIND_SERVICE) == 0 else {
            throw .system(.confinement, "drop capabilities from the bounding set")
        }
        guard qir_switch_user(confinement.user, confinement.group) == 0 else {
            throw .system(.confinement, "become user \(user)")
        }
        guard qir_keep_only_capability(QIR_CAP_NET_BIND_SERVICE) == 0 else {
            throw .system(.confinement, "keep only CAP_NET_BIND_SERVICE")
        }
        guard qir_forbid_new_privileges() == 0 else {
            throw .system(.confinement, "set no_new_privs")
        }
        guard qir_forbid_namespaces() == 0 else {
            throw .system(.confinement, "install the seccomp filter")
        }
    }

    private static func resetSignals() throws(LaunchFailure) {
        guard qir_reset_signals() == 0 else {
            throw .system(.signals, "reset signal dispositions and mask")
        }
    }

    private static func joinNetworkNamespace(_ path: String) throws(LaunchFailure) {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw .system(.networkNamespace, "open network namespace \(path)")
        }
        defer { close(descriptor) }
        // Naming the type makes the kernel reject a file that is not a network namespace.
        guard qir_setns(descriptor, QIR_CLONE_NEWNET) == 0 else {
            throw .system(.networkNamespace, "enter network namespace \(path)")
        }
    }

    private static func makePrivateMountNamespace() throws(LaunchFailure) {
        guard qir_unshare(QIR_CLONE_NEWNS) == 0 else {
            throw .system(.mountNamespace, "unshare the mount namespace")
        }
        // Without this, the binds below would propagate back into the host's shared mounts.
        guard mount(nil, "/", nil, UInt(MS_REC | MS_PRIVATE), nil) == 0 else {
            throw .system(.mountNamespace, "make / recursively private")
        }
        // As `ip netns exec` does: sysfs shows the network devices of the namespace that mounted it, so a fresh
        // mount makes /sys/class/net list the job's interfaces instead of the host's.
        var status = statvfs()
        let readOnly = statvfs("/sys", &status) == 0 && status.f_flag & UInt(ST_RDONLY) != 0
        if umount2("/sys", Int32(MNT_DETACH)) != 0 && errno != EINVAL {
            throw .system(.mountNamespace, "detach /sys")
        }
        guard mount("sysfs", "/sys", "sysfs", readOnly ? UInt(MS_RDONLY) : 0, nil) == 0 else {
            throw .system(.mountNamespace, "mount sysfs on /sys")
        }
    }

    private static func bindMount(source: String, target: String, readOnly: Bool) throws(LaunchFailure) {
        guard mount(source, target, nil, UInt(MS_BIND | MS_REC), nil) == 0 else {
            throw .system(.bind, "bind \(source) onto \(target)")
        }
        guard readOnly else { return }
        // A bind mount ignores MS_RDONLY; only a remount of the new mount makes it read-only. Flags the source mount
        // already has (nosuid, nodev, noexec) are carried over so the remount changes nothing else.
        var status = statvfs()
        guard statvfs(target, &status) == 0 else {
            throw .system(.bind, "inspect \(target)")
        }
        var flags = UInt(MS_BIND | MS_REMOUNT | MS_RDONLY)
        let carried: [(statFlag: UInt, mountFlag: Int)] = [
            (UInt(ST_NOSUID), MS_NOSUID), (QIR_ST_NODEV, MS_NODEV), (QIR_ST_NOEXEC, MS_NOEXEC),
        ]
        for (statFlag, mountFlag) in carried where status.f_flag & statFlag != 0 {
            flags |= UInt(mountFlag)
        }
        guard mount(nil, target, nil, flags, nil) == 0 else {
            throw .system(.bind, "make \(target) read-only")
        }
    }

    private static func execute(_ command: [String], environment: [LaunchRequest.Variable]) throws(LaunchFailure)
        -> Never
    {
        let program = command[0]
        let path: String
        if program.contains("/") {
            path = program
        } else {
            let searchPath = environment.first { $0.name == "PATH" }?.value ?? ""
            let candidates = searchPath.split(separator: ":").map { directory in "\(directory)/\(program)" }
            guard let found = candidates.first(where: { candidate in access(candidate, X_OK) == 0 }) else {
                throw LaunchFailure(code: .exec, step: "execute \(program)", detail: "not found in PATH \(searchPath)")
            }
            path = found
        }
        let arguments = command.map { strdup($0) } + [nil]
        let variables = environment.map { strdup("\($0.name)=\($0.value)") } + [nil]
        execve(path, arguments, variables)
        throw .system(.exec, "execute \(path)")
    }
}
