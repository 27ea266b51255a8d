public import Logging

#if canImport(Glibc)
    import Glibc
#endif

/// Finds and removes what killed runs left behind: namespaces named `qir-<pid>x…` whose owning process is gone,
/// the processes still inside them, their namespace mounts and `/etc/netns` folders. Namespaces of live runs
/// (this one included) are left alone, so concurrent runners on one machine do not disturb each other.
public enum NetworkReaper {
    /// What one reaping removed.
    public struct Report: Sendable, Equatable {
        /// Removed network namespaces (with their veths).
        public var namespaces: [String] = []
        /// Killed processes.
        public var processes: [Int32] = []
        /// Unmounted namespace mounts.
        public var mounts: [String] = []
        /// Removed hosts-file folders.
        public var folders: [String] = []

        /// Whether nothing was found.
        public var isEmpty: Bool { namespaces.isEmpty && processes.isEmpty && mounts.isEmpty && folders.isEmpty }
    }

    /// Removes leftovers of dead runs and logs each removal at notice level.
    @discardableResult
    public static func reap(logger: Logger) async -> Report {
        let names = Set(listNames("/run/netns") + listNames("/etc/netns")).filter { name in
            guard let pid = ownerPID(of: name) else { return false }
            return kill(pid, 0) != 0 && errno == ESRCH
        }
        guard !names.isEmpty else { return Report() }
        let (removal, survivors) = await NamespaceCleaner.remove(namespaces: names.sorted())
        let report = Report(
            namespaces: removal.namespaces, processes: removal.processes, mounts: removal.mounts,
            folders: removal.folders)
        for name in report.namespaces { logger.notice("reaped leftover namespace \(name)") }
        if !report.processes.isEmpty { logger.notice("killed leftover processes \(report.processes)") }
        if !survivors.isEmpty { logger.error("leftover processes \(survivors) did not exit") }
        return report
    }

    /// The pid encoded in a runner name `qir-<pid>x<random>-…`, or `nil` for foreign names.
    static func ownerPID(of name: String) -> Int32? {
        guard name.hasPrefix(JobNetwork.namePrefix) else { return nil }
        let rest = name.dropFirst(JobNetwork.namePrefix.count)
        guard let end = rest.firstIndex(of: "x") else { return nil }
        return Int32(rest[..<end])
    }

    private static func listNames(_ folder: String) -> [String] {
        guard let directory = opendir(folder) else { return [] }
        defer { closedir(directory) }
        var names: [String] = []
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) {
                String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name.hasPrefix(JobNetwork.namePrefix) { names.append(name) }
        }
        return names
    }
}
