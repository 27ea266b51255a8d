import CLinuxSupport

#if canImport(Glibc)
    import Glibc
#endif

/// Removes network namespaces the way `ip netns delete` does, plus what `ip` leaves to the caller: every process
/// still inside them is killed first, and the per-namespace `/etc/netns/<name>` folder goes too. Veths inside a
/// namespace disappear with it.
enum NamespaceCleaner {
    /// What one cleanup removed.
    struct Removal: Sendable {
        var namespaces: [String] = []
        var processes: [Int32] = []
        var mounts: [String] = []
        var folders: [String] = []
    }

    /// The inode of a namespace file (the namespace's identity), or `nil` when it is missing or not mounted.
    static func inode(ofNamespaceFile path: String) -> UInt64? {
        // Through the C shim: which Swift module owns `struct stat` depends on the build (release builds attribute it
        // to CoreFoundation and MemberImportVisibility then rejects it here).
        var device: UInt64 = 0
        var inode: UInt64 = 0
        var isDirectory: Int32 = 0
        guard qir_file_identity(path, &device, &inode, &isDirectory) == 0 else { return nil }
        return inode
    }

    /// Process ids whose network namespace is one of `inodes`.
    static func processes(inNamespaces inodes: Set<UInt64>) -> [Int32] {
        guard !inodes.isEmpty, let directory = opendir("/proc") else { return [] }
        defer { closedir(directory) }
        var result: [Int32] = []
        var buffer = [CChar](repeating: 0, count: 64)
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) {
                String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self)
            }
            guard let pid = Int32(name), pid != getpid() else { continue }
            let length = readlink("/proc/\(pid)/ns/net", &buffer, buffer.count - 1)
            guard length > 0 else { continue }
            let link = String(decoding: buffer[0..<length].map { UInt8(bitPattern: $0) }, as: UTF8.self)
            // The link reads `net:[<inode>]`.
            guard link.hasPrefix("net:["), let inode = UInt64(link.dropFirst(5).dropLast()) else { continue }
            if inodes.contains(inode) { result.append(pid) }
        }
        return result
    }

    /// Kills every process in the namespaces but those in `sparing` (SIGKILL, then waits up to `patience` for them
    /// to go), unmounts and deletes the namespace files and removes their `/etc/netns` folders. Returns what it
    /// removed and the processes that did not exit.
    static func remove(
        namespaces names: [String], sparing: Set<Int32> = [], patience: Duration = .seconds(3)
    ) async -> (Removal, [Int32]) {
        var removal = Removal()
        let inodes = Set(names.compactMap { inode(ofNamespaceFile: "/run/netns/" + $0) })
        var survivors = processes(inNamespaces: inodes).filter { !sparing.contains($0) }
        removal.processes = survivors
        for pid in survivors { kill(pid, SIGKILL) }
        let clock = ContinuousClock()
        let deadline = clock.now + patience
        while !survivors.isEmpty, clock.now < deadline {
            // A killed child of ours stays a zombie (still listed) until reaped; collect it without blocking.
            for pid in survivors { _ = waitpid(pid, nil, WNOHANG) }
            survivors = survivors.filter { kill($0, 0) == 0 && !isZombie($0) }
            if !survivors.isEmpty { try? await Task.sleep(for: .milliseconds(2)) }
        }
        for name in names {
            let path = "/run/netns/" + name
            if umount2(path, Int32(MNT_DETACH)) == 0 { removal.mounts.append(path) }
            if unlink(path) == 0 { removal.namespaces.append(name) }
            let folder = "/etc/netns/" + name
            if access(folder, F_OK) == 0 {
                unlink(folder + "/hosts")
                if rmdir(folder) == 0 { removal.folders.append(folder) }
            }
        }
        return (removal, survivors)
    }

    private static func isZombie(_ pid: Int32) -> Bool {
        guard let file = fopen("/proc/\(pid)/stat", "r") else { return true }
        defer { fclose(file) }
        var buffer = [CChar](repeating: 0, count: 512)
        guard fgets(&buffer, Int32(buffer.count), file) != nil else { return true }
        let line = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        // Field 3 follows the parenthesised command name, which may itself contain spaces.
        guard let close = line.lastIndex(of: ")") else { return true }
        return line[line.index(after: close)...].trimmingPrefix(" ").first == "Z"
    }
}
