import CLinuxSupport
import Synchronization
public import SystemPackage

#if canImport(Glibc)
    import Glibc
#endif

/// The host directories `interop-endpoint-exec` mounts the job's directories onto (`/www`, `/downloads`, `/certs`,
/// `/logs`): a bind mount needs an existing target, and the endpoint contract fixes these absolute paths.
///
/// A run calls ``ensure(_:lockFile:)`` once before its first job and ``removeCreated()`` once after its last. The
/// directories stay empty on the host (every bind happens in a job's private mount namespace), so removing the ones
/// this run created leaves the host as it was. Several runs may share a host: each holds a shared `flock` on
/// `lockFile` while it runs, and a run removes its directories only if it can take that lock exclusively, so it
/// never pulls a mount point from under another run's endpoints.
public final class EndpointMountPoints: Sendable {
    /// The endpoint contract's mount points.
    public static let contractTargets: [FilePath] = ["/www", "/downloads", "/certs", "/logs"]
    /// The lock runs on one host share.
    public static let defaultLockFile: FilePath = "/run/lock/interop-runner-mount-points.lock"

    /// The directories this run created, in the order it created them.
    public let created: [FilePath]
    private let lock: Mutex<FileDescriptor?>

    private init(created: [FilePath], lock: FileDescriptor) {
        self.created = created
        self.lock = Mutex(lock)
    }

    deinit {
        lock.withLock { descriptor in
            try? descriptor?.close()
        }
    }

    /// Makes sure every one of `targets` exists as a directory, creating (mode 0755) those that are missing.
    ///
    /// - Throws: ``JobSetupError`` with code `directory` when a target exists but is not a directory, cannot be
    ///   created, or the lock file cannot be opened.
    public static func ensure(
        _ targets: [FilePath] = contractTargets,
        lockFile: FilePath = defaultLockFile
    ) throws(JobSetupError) -> EndpointMountPoints {
        let lock: FileDescriptor
        do {
            lock = try FileDescriptor.open(
                lockFile,
                .readOnly,
                options: [.create, .closeOnExec],
                permissions: [.ownerReadWrite, .groupRead, .otherRead]
            )
        } catch {
            throw JobSetupError(code: .directory, path: lockFile.string, detail: "cannot open the lock: \(error)")
        }
        guard flock(lock.rawValue, LOCK_SH) == 0 else {
            let detail = String(cString: strerror(errno))
            try? lock.close()
            throw JobSetupError(code: .directory, path: lockFile.string, detail: "cannot lock: \(detail)")
        }
        var created: [FilePath] = []
        for target in targets {
            if mkdir(target.string, 0o755) == 0 {
                created.append(target)
                continue
            }
            let cause = errno
            var device: UInt64 = 0
            var inode: UInt64 = 0
            var isDirectory: Int32 = 0
            guard cause == EEXIST, qir_file_identity(target.string, &device, &inode, &isDirectory) == 0,
                isDirectory != 0
            else {
                let detail = cause == EEXIST ? "exists and is not a directory" : String(cString: strerror(cause))
                // Undo this call's own work so a failed start leaves nothing behind.
                for directory in created.reversed() {
                    rmdir(directory.string)
                }
                try? lock.close()
                throw JobSetupError(code: .directory, path: target.string, detail: detail)
            }
        }
        return EndpointMountPoints(created: created, lock: lock)
    }

    /// Removes the directories ``ensure(_:lockFile:)`` created, those still empty, unless another run holds the lock;
    /// returns the ones removed. Calling it again does nothing.
    @discardableResult
    public func removeCreated() -> [FilePath] {
        lock.withLock { descriptor in
            guard let lock = descriptor else {
                return []
            }
            defer {
                try? lock.close()
                descriptor = nil
            }
            guard flock(lock.rawValue, LOCK_EX | LOCK_NB) == 0 else {
                return []
            }
            // rmdir refuses a directory that is not empty, which is exactly the "still empty" rule.
            return created.reversed().filter { rmdir($0.string) == 0 }
        }
    }
}
