import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A run's work folder on its own tmpfs: every job creates and deletes its generated files, downloads and
/// certificates there (two thousand files each for `multiplexing`), which on a journal-less ext4 root cost more CPU
/// than the jobs themselves (the inode allocator skips each recently deleted inode one by one). In memory the churn is
/// cheap and the disk sees none of it. The tmpfs has the kernel's default size (half the memory); a job's files count
/// against the available memory the pool watches before starting a job.
enum WorkFolder {
    /// Creates `path` and mounts a tmpfs on it; returns `nil` when mounted, else why not (the folder then stays on
    /// the file system it was created on, and the run works as before, only slower).
    ///
    /// - Throws: `JobSetupError` when the folder cannot be created.
    static func make(at path: String) throws(JobSetupError) -> String? {
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        } catch {
            throw JobSetupError(code: .directory, path: path, detail: "\(error)")
        }
        guard mount("interop-runner", path, "tmpfs", UInt(MS_NOSUID | MS_NODEV), "mode=0755") == 0 else {
            return String(cString: strerror(errno))
        }
        return nil
    }

    /// Unmounts the folder's tmpfs, if any (detached: an endpoint's mount namespace may still hold it a moment), and
    /// removes the folder.
    static func remove(_ path: String) {
        if WorkspaceReaper.mounts(below: path).contains(path) { umount2(path, Int32(MNT_DETACH)) }
        try? FileManager.default.removeItem(atPath: path)
    }
}
