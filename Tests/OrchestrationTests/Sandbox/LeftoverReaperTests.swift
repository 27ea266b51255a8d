import Foundation
import SystemPackage
import Testing

@testable import Orchestration

#if canImport(Glibc)
    import Glibc
#endif

/// What a run killed with SIGKILL leaves of its sandboxes — work folders with scratch tmpfs still mounted, cgroups
/// with processes in them — is removed by the next run; a live run's is not.
@Suite(.serialized, .enabled(if: isRoot, "needs root for mounts and cgroups"))
struct LeftoverReaperTests {
    /// Starts `program` as a daemon in `cgroup` (its own session, so nothing of this test waits for it), named
    /// `marker` on its command line, as an endpoint's leftover would be.
    private func startDaemon(in cgroup: String, as marker: String, _ program: String) async throws {
        let result = try await command(
            "bash", ["-c", "echo $$ > \(cgroup)/cgroup.procs && exec setsid -f bash -c 'exec -a \(marker) \(program)'"])
        try #require(result.succeeded, "\(result.standardError)")
    }

    /// A pid that belonged to a process that has exited (a child reaped here), so no run owns it.
    private func deadPID() async throws -> Int32 {
        let result = try await command("true", [])
        try #require(result.succeeded)
        var pid: Int32 = 0
        repeat {
            pid = Int32.random(in: 400_000...4_000_000)
        } while kill(pid, 0) == 0 || errno != ESRCH
        return pid
    }

    @Test func deadRunsWorkFoldersGoWithWhatIsMountedInThemAndLiveOnesStay() async throws {
        let parent = try TemporaryDirectory("reaper")
        defer { parent.remove() }
        let temporary = parent.path.string + "/"
        let dead = temporary + "interop-runner-\(try await deadPID())-12345"
        let live = temporary + "interop-runner-\(getpid())-67890"
        let foreign = temporary + "interop-runner-notes"
        for folder in [dead + "/j0/sandbox-client-1", live + "/j0", foreign] {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        }
        try Data(count: 10_000).write(to: URL(fileURLWithPath: dead + "/j0/file"))
        let scratch = dead + "/j0/sandbox-client-1"
        try #require(mount("qir-reaper-test", scratch, "tmpfs", 0, "size=1m") == 0)
        try Data(count: 5_000).write(to: URL(fileURLWithPath: scratch + "/in-tmpfs"))

        let removal = WorkspaceReaper.reap(in: temporary)
        #expect(removal.folders == [dead])
        #expect(removal.mounts == [scratch])
        #expect(removal.bytes == 10_000)
        #expect(!FileManager.default.fileExists(atPath: dead))
        #expect(FileManager.default.fileExists(atPath: live) && FileManager.default.fileExists(atPath: foreign))
        #expect(WorkspaceReaper.mounts(below: dead) == [])
    }

    /// A run's work folder is a tmpfs of its own (``WorkFolder``), with the sandbox's tmpfs on it: both come off,
    /// the one on top first, and the bytes the work folder held are counted (a scratch's are not, as on disk).
    @Test func aDeadRunsWorkFolderTmpfsComesOffWithTheScratchOnIt() async throws {
        let parent = try TemporaryDirectory("reaper-tmpfs")
        defer { parent.remove() }
        let temporary = parent.path.string + "/"
        let dead = temporary + "interop-runner-\(try await deadPID())-4242"
        let failure = try WorkFolder.make(at: dead)
        try #require(failure == nil, "mount: \(failure ?? "")")
        #expect(isTmpfs(dead))
        let scratch = dead + "/j3/sandbox-server-1"
        try FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true)
        try Data(count: 7_000).write(to: URL(fileURLWithPath: dead + "/j3/www-file"))
        try #require(mount("qir-reaper-test", scratch, "tmpfs", 0, "size=1m") == 0)
        try Data(count: 3_000).write(to: URL(fileURLWithPath: scratch + "/in-scratch"))

        let removal = WorkspaceReaper.reap(in: temporary)
        #expect(removal.folders == [dead])
        #expect(removal.mounts == [scratch, dead])
        #expect(removal.bytes == 7_000)
        #expect(!FileManager.default.fileExists(atPath: dead))
        #expect(WorkspaceReaper.mounts(below: dead) == [])
    }

    /// A live run removes its own work folder and its tmpfs when it ends.
    @Test func aRunsWorkFolderGoesWithItsTmpfs() throws {
        let parent = try TemporaryDirectory("work-folder")
        defer { parent.remove() }
        let folder = parent.path.string + "/interop-runner-\(getpid())-99"
        try #require(try WorkFolder.make(at: folder) == nil)
        try Data(count: 1_000).write(to: URL(fileURLWithPath: folder + "/file"))
        #expect(isTmpfs(folder))
        WorkFolder.remove(folder)
        #expect(WorkspaceReaper.mounts(below: folder) == [])
        #expect(!FileManager.default.fileExists(atPath: folder))
    }

    @Test(.enabled(if: PidsCgroups.hierarchy() != nil, "needs the cgroup v1 pids hierarchy"))
    func deadRunsCgroupsAreEmptiedAndRemoved() async throws {
        let hierarchy = try #require(PidsCgroups.hierarchy())
        // A parent of this test's own: the runners other tests start at the same time reap the real one.
        let parentName = "interop-runner-test-\(getpid())"
        let parent = hierarchy + "/" + parentName
        defer { rmdir(parent) }
        let deadFolder = parent + "/qir-\(try await deadPID())x1a2b"
        let cgroup = deadFolder + "/sandbox-client-7"
        for folder in [parent, deadFolder, cgroup] { mkdir(folder, 0o755) }
        let marker = "qir-reaper-cgroup-\(UInt32.random(in: 0...UInt32.max))"
        // A daemon moved into the dead run's cgroup, as an endpoint's would be.
        try await startDaemon(in: cgroup, as: marker, "sleep 300")
        try #require(try await eventually { !processes(containing: marker).isEmpty })
        // The daemon alone: `setsid -f`'s own process may still be leaving the cgroup under load.
        try #require(try await eventually { EndpointCgroup(path: cgroup).processes.count == 1 })
        // A live run's folder (this process's pid; not the run token, whose folder other tests share and remove).
        let live = PidsCgroups(folder: parent + "/qir-\(getpid())x\(UInt16.random(in: 0x1000...0xFFFF))")
        mkdir(live.folder, 0o755)
        defer { live.remove() }
        let kept = try live.make("sandbox-server-1", limit: 8)

        let reaped = await PidsCgroups.reapLeftovers(parentName: parentName)
        #expect(reaped.folders == [deadFolder])
        #expect(reaped.processes.count == 1)
        #expect(try await eventually { processes(containing: marker).isEmpty })
        #expect(!FileManager.default.fileExists(atPath: deadFolder))
        #expect(FileManager.default.fileExists(atPath: kept.path))
        kept.remove()
        #expect(!FileManager.default.fileExists(atPath: kept.path))
    }

    /// A killed process stays in `cgroup.procs` until its memory is freed (tens of milliseconds for half a GiB),
    /// across many of `killAll`'s 1-ms rounds: it is signalled again each round but counted once.
    @Test(.enabled(if: PidsCgroups.hierarchy() != nil, "needs the cgroup v1 pids hierarchy"))
    func aProcessSlowToExitIsCountedOnce() async throws {
        let hierarchy = try #require(PidsCgroups.hierarchy())
        let parent = hierarchy + "/interop-runner-test-\(getpid())-slow"
        mkdir(parent, 0o755)
        defer { rmdir(parent) }
        let cgroup = EndpointCgroup(path: parent + "/sandbox-server-1")
        mkdir(cgroup.path, 0o755)
        defer { cgroup.remove() }
        let marker = "qir-slow-exit-\(UInt32.random(in: 0...UInt32.max))"
        let folder = try TemporaryDirectory("slow-exit")
        defer { folder.remove() }
        let ready = folder.path.string + "/ready"
        let script = folder.path.string + "/hold.py"
        try "a = bytearray(b'\\x01') * (512 << 20)\nopen('\(ready)', 'w').close()\nimport time\ntime.sleep(300)\n"
            .write(toFile: script, atomically: true, encoding: .utf8)
        try await startDaemon(in: cgroup.path, as: marker, "/usr/bin/python3 \(script)")
        try #require(try await eventually { FileManager.default.fileExists(atPath: ready) })
        try #require(try await eventually { cgroup.processes.count == 1 })

        let clock = ContinuousClock()
        let start = clock.now
        let killed = await cgroup.killAll()
        let took = clock.now - start
        #expect(killed.count == 1)
        #expect(cgroup.processes.isEmpty)
        #expect(processes(containing: marker).isEmpty)
        // The process really outlived several rounds, or the case would not test the count.
        #expect(took > .milliseconds(5), "killAll took \(took)")
    }
}

/// Whether a tmpfs is mounted on `path` (`/proc/self/mountinfo`: the mount point is the fifth field, the file
/// system type the first after the ` - ` separator).
private func isTmpfs(_ path: String) -> Bool {
    guard let handle = FileHandle(forReadingAtPath: "/proc/self/mountinfo") else { return false }
    defer { try? handle.close() }
    let table = String(decoding: (try? handle.readToEnd()) ?? Data(), as: UTF8.self)
    return table.split(separator: "\n").contains { line in
        let fields = line.split(separator: " ")
        guard fields.count > 4, fields[4] == path, let dash = fields.firstIndex(of: "-"), dash + 1 < fields.count
        else { return false }
        return fields[dash + 1] == "tmpfs"
    }
}
