import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Finds and removes the work folders killed runs left in the temporary directory
/// (`interop-runner-<pid>-<random>`, each job's generated files, certificates and downloads), with whatever is still
/// mounted on and below them (the folder's own tmpfs, sandbox scratch tmpfs). Folders of live runs, this one
/// included, are left alone.
enum WorkspaceReaper {
    /// The prefix of every run's work folder name.
    static let prefix = "interop-runner-"

    /// What one reaping removed.
    struct Removal: Sendable, Equatable {
        /// Removed work folders.
        var folders: [String] = []
        /// Unmounted mounts below them.
        var mounts: [String] = []
        /// The bytes the removed folders held.
        var bytes: UInt64 = 0
    }

    /// The work folder of a new run of this process.
    static func newFolder(in temporaryDirectory: String = NSTemporaryDirectory()) -> String {
        temporaryDirectory + prefix + "\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
    }

    /// The pid in a work folder name `interop-runner-<pid>-<random>`, or `nil` for other names.
    static func ownerPID(of name: String) -> Int32? {
        guard name.hasPrefix(prefix) else { return nil }
        let parts = name.dropFirst(prefix.count).split(separator: "-")
        guard parts.count == 2, UInt32(parts[1]) != nil else { return nil }
        return Int32(parts[0])
    }

    /// Removes the work folders in `temporaryDirectory` whose run is dead.
    static func reap(in temporaryDirectory: String = NSTemporaryDirectory()) -> Removal {
        var removal = Removal()
        let names = (try? FileManager.default.contentsOfDirectory(atPath: temporaryDirectory)) ?? []
        for name in names.sorted() {
            guard let owner = ownerPID(of: name), kill(owner, 0) != 0 && errno == ESRCH else { continue }
            let folder = (temporaryDirectory as NSString).appendingPathComponent(name)
            // Counted while mounted: the folder is a tmpfs itself (``WorkFolder``).
            let bytes = size(of: folder)
            // Deepest first, so a mount on a mount comes off before the one it sits on.
            for mount in mounts(below: folder).sorted(by: { $0.count > $1.count })
            where umount2(mount, Int32(MNT_DETACH)) == 0 {
                removal.mounts.append(mount)
            }
            if (try? FileManager.default.removeItem(atPath: folder)) != nil {
                removal.folders.append(folder)
                removal.bytes += bytes
            }
        }
        return removal
    }

    /// The mount points at or below `folder`, from this process's `/proc/self/mountinfo`.
    static func mounts(below folder: String) -> [String] {
        KernelFile.mountPoints().filter { $0 == folder || $0.hasPrefix(folder + "/") }
    }

    /// The bytes of the regular files below `folder`.
    static func size(of folder: String) -> UInt64 {
        guard let walker = FileManager.default.enumerator(atPath: folder) else { return 0 }
        var total: UInt64 = 0
        while walker.nextObject() != nil {
            let attributes = walker.fileAttributes
            if attributes?[.type] as? FileAttributeType == .typeRegular {
                total += (attributes?[.size] as? NSNumber)?.uint64Value ?? 0
            }
        }
        return total
    }
}
