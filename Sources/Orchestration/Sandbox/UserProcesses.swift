#if canImport(Glibc)
    import Glibc
#endif

/// The processes of one sandbox user, found through `/proc` and killed together: whatever an endpoint started,
/// daemons in sessions of their own included, runs as its user and cannot change it.
enum UserProcesses {
    /// The live (not zombie) processes whose real, effective or saved user is `user`.
    static func list(of user: UInt32) -> [pid_t] {
        guard let directory = opendir("/proc") else { return [] }
        defer { closedir(directory) }
        var pids: [pid_t] = []
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) {
                String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self)
            }
            guard let pid = pid_t(name), let status = status(of: pid) else { continue }
            if belongs(status, to: user) { pids.append(pid) }
        }
        return pids
    }

    /// Sends SIGKILL to every process of `user` until none is left or `patience` ran out; returns the survivors.
    ///
    /// A process may fork between one listing and its kill; the next round finds the child, and the sandbox's process
    /// limit bounds how many rounds that can take.
    static func killAll(of user: UInt32, patience: Duration = .seconds(5)) async -> [pid_t] {
        let clock = ContinuousClock()
        let deadline = clock.now + patience
        var left = list(of: user)
        while !left.isEmpty && clock.now < deadline {
            for pid in left { kill(pid, SIGKILL) }
            try? await Task.sleep(for: .milliseconds(1))
            left = list(of: user)
        }
        return left
    }

    /// Whether a `/proc/<pid>/status` text is of a live process that runs as `user`.
    static func belongs(_ status: String, to user: UInt32) -> Bool {
        var live = false
        var matches = false
        for line in status.split(separator: "\n") {
            if line.hasPrefix("State:") {
                live = !line.dropFirst("State:".count).trimmingPrefix(while: { $0 == " " || $0 == "\t" })
                    .hasPrefix("Z")
            } else if line.hasPrefix("Uid:") {
                // Real, effective, saved and file-system user, tab-separated.
                let ids = line.dropFirst("Uid:".count).split(whereSeparator: { $0 == "\t" || $0 == " " })
                matches = ids.prefix(3).contains { UInt32($0) == user }
                break
            }
        }
        return live && matches
    }

    /// `/proc/<pid>/status`, or `nil` when the process is gone.
    private static func status(of pid: pid_t) -> String? {
        let descriptor = open("/proc/\(pid)/status", O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var buffer = [UInt8](repeating: 0, count: 4096)
        let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
        guard count > 0 else { return nil }
        return String(decoding: buffer[..<count], as: UTF8.self)
    }
}
