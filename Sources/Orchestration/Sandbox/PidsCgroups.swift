#if canImport(Glibc)
    import Glibc
#endif

/// The run's folder in the cgroup v1 `pids` hierarchy, `<mount>/interop-runner/qir-<pid>x<random>-<random>` (one per
/// run environment, so two in one process never share one), with one cgroup
/// per sandboxed endpoint run inside: its `pids.max` is the process limit, and its `pids.events` tells the runner
/// that a fork was refused there, which nothing else reports reliably.
///
/// Only the v1 hierarchy is used: on cgroup v2 a cgroup with processes (the runner's own) cannot hand the `pids`
/// controller to children. Without it, ``prepare()`` returns `nil`; RLIMIT_NPROC on the endpoint's own user still
/// bounds its processes, but a hit is not named. Named like the job networks, so ``reapLeftovers()`` can tell a dead
/// run's folder from a live one's.
struct PidsCgroups: Sendable {
    /// The folder in the hierarchy that holds every run's folder.
    static let parentName = "interop-runner"

    /// This run's folder.
    let folder: String

    /// Where the v1 `pids` hierarchy is mounted, from `/proc/self/mountinfo`, or `nil`.
    static func hierarchy() -> String? {
        guard let text = KernelFile.read("/proc/self/mountinfo") else { return nil }
        for line in text.split(separator: "\n") {
            // `<id> <parent> <dev> <root> <mount point> <options> [optional…] - <type> <source> <super options>`
            let halves = line.split(separator: " - ", maxSplits: 1)
            guard halves.count == 2 else { continue }
            let fields = halves[0].split(separator: " ")
            let tail = halves[1].split(separator: " ")
            guard fields.count > 4, tail.count > 2, tail[0] == "cgroup",
                tail[2].split(separator: ",").contains("pids")
            else { continue }
            return String(fields[4])
        }
        return nil
    }

    /// Creates this run's folder (and the shared parent); `nil` when there is no v1 `pids` hierarchy or it cannot be
    /// written (then the run goes without).
    static func prepare() -> PidsCgroups? {
        guard let hierarchy = hierarchy() else { return nil }
        let parent = hierarchy + "/" + parentName
        let folder =
            parent + "/" + JobNetwork.namePrefix + JobNetwork.runToken + "-"
            + String(UInt32.random(in: 0...UInt32.max), radix: 16)
        guard mkdir(parent, 0o755) == 0 || errno == EEXIST, mkdir(folder, 0o755) == 0 || errno == EEXIST else {
            return nil
        }
        return PidsCgroups(folder: folder)
    }

    /// Makes the cgroup `name` in this run's folder with `pids.max` = `limit`.
    func make(_ name: String, limit: Int) throws(JobSetupError) -> EndpointCgroup {
        let path = folder + "/" + name
        guard mkdir(path, 0o755) == 0 else {
            throw JobSetupError(code: .sandbox, path: path, detail: String(cString: strerror(errno)))
        }
        let cgroup = EndpointCgroup(path: path)
        do throws(JobSetupError) {
            try Self.write("\(limit)", to: path + "/pids.max")
        } catch {
            cgroup.remove()
            throw error
        }
        return cgroup
    }

    /// Removes this run's folder once its endpoint cgroups are gone (each removes itself after its endpoint).
    func remove() {
        for name in Self.children(of: folder) { EndpointCgroup(path: folder + "/" + name).remove() }
        rmdir(folder)
    }

    /// Kills what is left in the folders of dead runs below `parentName` (the runner's own; another only in tests) and
    /// removes them; returns the folders removed and the processes killed.
    static func reapLeftovers(parentName: String = parentName) async -> (folders: [String], processes: [pid_t]) {
        guard let hierarchy = hierarchy() else { return ([], []) }
        let parent = hierarchy + "/" + parentName
        var folders: [String] = []
        var processes: [pid_t] = []
        for name in children(of: parent) {
            guard let owner = NetworkReaper.ownerPID(of: name), kill(owner, 0) != 0 && errno == ESRCH else { continue }
            let folder = parent + "/" + name
            for child in children(of: folder) {
                let cgroup = EndpointCgroup(path: folder + "/" + child)
                processes += await cgroup.killAll()
                cgroup.remove()
            }
            if rmdir(folder) == 0 { folders.append(folder) }
        }
        return (folders, processes)
    }

    /// The sub-cgroups (folders) of `folder`.
    static func children(of folder: String) -> [String] {
        guard let directory = opendir(folder) else { return [] }
        defer { closedir(directory) }
        var names: [String] = []
        while let entry = readdir(directory) {
            guard entry.pointee.d_type == UInt8(DT_DIR) else { continue }
            let name = withUnsafeBytes(of: entry.pointee.d_name) {
                String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names
    }

    /// Writes `text` to a cgroup file.
    static func write(_ text: String, to path: String) throws(JobSetupError) {
        let descriptor = open(path, O_WRONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw JobSetupError(code: .sandbox, path: path, detail: String(cString: strerror(errno)))
        }
        defer { close(descriptor) }
        let bytes = Array(text.utf8)
        guard bytes.withUnsafeBytes({ Glibc.write(descriptor, $0.baseAddress, $0.count) }) == bytes.count else {
            throw JobSetupError(code: .sandbox, path: path, detail: String(cString: strerror(errno)))
        }
    }
}
