#if canImport(Glibc)
    import Glibc
#endif

/// The `pids` cgroup of one sandboxed endpoint run (see ``PidsCgroups``): the launcher joins it before it can fork,
/// so every process and thread of the endpoint is counted against its `pids.max`.
struct EndpointCgroup: Sendable {
    /// The cgroup's folder.
    let path: String

    /// Whether a fork or a new thread was refused because the cgroup was at `pids.max` (`pids.events`: `max N`).
    var limitWasReached: Bool {
        guard let events = KernelFile.read(path + "/pids.events") else { return false }
        return events.split(separator: "\n").contains { line in
            let fields = line.split(separator: " ")
            return fields.count == 2 && fields[0] == "max" && (Int(fields[1]) ?? 0) > 0
        }
    }

    /// The processes in the cgroup.
    var processes: [pid_t] {
        (KernelFile.read(path + "/cgroup.procs") ?? "").split(separator: "\n").compactMap { pid_t($0) }
    }

    /// Kills every process in the cgroup, new ones included (`pids.max` goes to 0 first, so none can fork any
    /// more), until it is empty or `patience` ran out; returns the processes it signalled, each once (one still
    /// exiting after a millisecond is signalled again, not counted again).
    func killAll(patience: Duration = .seconds(5)) async -> [pid_t] {
        try? PidsCgroups.write("0", to: path + "/pids.max")
        let clock = ContinuousClock()
        let deadline = clock.now + patience
        var killed: [pid_t] = []
        var left = processes
        while !left.isEmpty && clock.now < deadline {
            for pid in left where kill(pid, SIGKILL) == 0 && !killed.contains(pid) { killed.append(pid) }
            try? await Task.sleep(for: .milliseconds(1))
            left = processes
        }
        return killed
    }

    /// Removes the cgroup, waiting up to 2 s while the kernel still counts exiting processes in it.
    func remove() {
        let clock = ContinuousClock()
        let deadline = clock.now + .seconds(2)
        while rmdir(path) != 0 && errno == EBUSY && clock.now < deadline {
            usleep(1000)
        }
    }
}
