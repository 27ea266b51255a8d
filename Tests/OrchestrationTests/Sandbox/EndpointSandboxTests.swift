import EndpointLauncher
import Foundation
import Results
import SystemPackage
import Testing

@testable import Orchestration

#if canImport(Glibc)
    import Glibc
#endif

/// One endpoint run in its sandbox, as the process runtime does it: the scratch tmpfs, the cgroup, the confined
/// launch, and the end that kills everything, names the limits reached and copies out what was written.
@Suite(.serialized, .enabled(if: isRoot, "needs root for namespaces, mounts, cgroups and users"))
struct EndpointSandboxTests {
    /// What one sandboxed run left.
    struct Run {
        let termination: ProcessTermination
        let reached: [SandboxLimit]
        let folder: TemporaryDirectory
        let scratch: String

        /// What the endpoint printed, with the runner's notes.
        var output: String { (try? folder.read("output.txt")) ?? "" }
    }

    /// Runs `script` as a client endpoint in a sandbox of `limits`, with or without the run's cgroup folder.
    private func runSandboxed(
        _ script: String, limits: SandboxLimits = .defaults, cgroups: Bool = PidsCgroups.hierarchy() != nil
    ) async throws -> Run {
        let folder = try TemporaryDirectory("sandbox")
        for name in ["www", "certs", "downloads", "logs", "workspace"] { _ = try folder.makeDirectory(name) }
        let binds: [LaunchRequest.Bind] = [
            .init(source: folder.file("www").string, target: "/www", readOnly: true),
            .init(source: folder.file("downloads").string, target: "/downloads", readOnly: false),
            .init(source: folder.file("certs").string, target: "/certs", readOnly: true),
            .init(source: folder.file("logs").string, target: "/logs", readOnly: false),
        ]
        let logFile = folder.file("output.txt")
        let cgroupFolder = cgroups ? PidsCgroups.prepare() : nil
        try #require(cgroupFolder != nil || !cgroups, "the cgroup v1 pids hierarchy cannot be written")
        defer { cgroupFolder?.remove() }
        let sandbox = try EndpointSandbox(
            binds: binds, role: "client", workspace: folder.file("workspace").string,
            in: RunSandbox(limits: limits, cgroups: cgroupFolder))
        let mountPoints = try EndpointMountPoints.ensure()
        defer { mountPoints.removeCreated() }
        return try await withTestNetworkNamespace { namespace in
            let request = sandbox.confine(
                LaunchRequest(
                    networkNamespace: namespace.path.string, binds: binds, workingDirectory: "/",
                    command: ["/bin/bash", "-c", script]))
            let termination = try await runProcessGroup(
                .endpoint(launcher: try LauncherBinary.locate(), request: request, logFile: logFile))
            let reached = try await sandbox.finish(after: termination, logFile: logFile.string)
            return Run(termination: termination, reached: reached, folder: folder, scratch: sandbox.scratch.path)
        }
    }

    /// A daemon in a session of its own outlives its process group; the sandbox's end kills it while the job's
    /// network namespace still exists, so nothing but the sandbox can have done it.
    @Test func daemonsAreKilledWhereverTheyWent() async throws {
        let marker = "qir-sandbox-daemon-\(UInt32.random(in: 0...UInt32.max))"
        let run = try await runSandboxed(
            """
            setsid -f bash -c 'exec -a \(marker) sleep 300'
            nohup bash -c 'trap "" TERM HUP; exec -a \(marker) sleep 301' >/dev/null 2>&1 &
            sleep 0.2
            """)
        defer { run.folder.remove() }
        #expect(run.termination == .exited(0), "\(run.output)")
        #expect(run.reached == [])
        #expect(processes(containing: marker) == [])
    }

    /// Files and folders come out to the job's folders; a symbolic link (to a host file the root runner could
    /// read) and a FIFO do not, and the output says so; the scratch tmpfs is gone.
    @Test func whatTheEndpointWroteIsCopiedOutAndTheScratchIsRemoved() async throws {
        let run = try await runSandboxed(
            """
            mkdir -p /downloads/sub /logs/qlog
            echo one > /downloads/a
            head -c 100000 /dev/urandom > /downloads/sub/b
            echo trace > /logs/qlog/c.qlog
            ln -s /etc/shadow /logs/shadow
            mkfifo /logs/pipe
            echo scratch > /tmp/kept-private
            """)
        defer { run.folder.remove() }
        #expect(run.termination == .exited(0), "\(run.output)")
        #expect(try run.folder.read("downloads/a") == "one\n")
        let size = try FileManager.default.attributesOfItem(atPath: run.folder.file("downloads/sub/b").string)[.size]
        #expect((size as? NSNumber)?.intValue == 100_000)
        #expect(try run.folder.read("logs/qlog/c.qlog") == "trace\n")
        let logs = try FileManager.default.contentsOfDirectory(atPath: run.folder.file("logs").string)
        #expect(logs == ["qlog"])
        #expect(
            run.output.contains("interop-runner: 2 entries of /downloads and /logs were not copied"), "\(run.output)")
        #expect(!FileManager.default.fileExists(atPath: run.scratch))
        #expect(!KernelFile.mountPoints().contains(run.scratch))
    }

    @Test func aWritePastTheWriteLimitIsNamed() async throws {
        let limits = SandboxLimits(fileSize: 1 << 30, writes: 2 << 20, processes: 64)
        let run = try await runSandboxed("head -c 3000000 /dev/zero > /downloads/big", limits: limits)
        defer { run.folder.remove() }
        #expect(run.termination == .exited(1), "\(run.output)")
        #expect(run.reached == [.writes(2 << 20)])
        #expect(run.output.contains("No space left on device"), "\(run.output)")
        #expect(run.output.contains("interop-runner: the endpoint reached the write limit (2 MiB in /downloads"))
    }

    /// Empty files cost no bytes but an inode each: the write limit bounds them too.
    @Test func manyEmptyFilesReachTheWriteLimit() async throws {
        let limits = SandboxLimits(fileSize: 1 << 30, writes: 1 << 20, processes: 64)
        let run = try await runSandboxed(
            "for i in $(seq 200); do : > /tmp/empty-$i || exit 1; done", limits: limits)
        defer { run.folder.remove() }
        #expect(run.termination == .exited(1), "\(run.output)")
        #expect(run.reached == [.writes(1 << 20)])
    }

    @Test func aFilePastTheFileSizeLimitIsNamed() async throws {
        let limits = SandboxLimits(fileSize: 1 << 20, writes: 64 << 20, processes: 64)
        let run = try await runSandboxed("head -c 3000000 /dev/zero > /tmp/big; exit $?", limits: limits)
        defer { run.folder.remove() }
        #expect(run.termination == .exited(128 + SIGXFSZ), "\(run.output)")
        #expect(run.reached == [.fileSize(1 << 20)])
    }

    /// An endpoint that ignores SIGXFSZ gets EFBIG and exits as it likes; the file it left at the limit tells.
    @Test func aFileSizeLimitIsNamedWhenTheSignalIsIgnored() async throws {
        let limits = SandboxLimits(fileSize: 1 << 20, writes: 64 << 20, processes: 64)
        let run = try await runSandboxed(
            "trap '' XFSZ; head -c 3000000 /dev/zero > /downloads/big; exit 0", limits: limits)
        defer { run.folder.remove() }
        #expect(run.termination == .exited(0), "\(run.output)")
        #expect(run.reached == [.fileSize(1 << 20)])
    }

    @Test(.enabled(if: PidsCgroups.hierarchy() != nil, "needs the cgroup v1 pids hierarchy"))
    func aForkPastTheProcessLimitIsNamedThroughTheCgroup() async throws {
        let limits = SandboxLimits(fileSize: 1 << 30, writes: 64 << 20, processes: 16)
        let run = try await runSandboxed(Self.forkLoop, limits: limits)
        defer { run.folder.remove() }
        #expect(run.termination == .exited(1), "\(run.output)")
        #expect(run.output.contains("fork refused after"), "\(run.output)")
        #expect(run.reached == [.processes(16)])
        #expect(processes(containing: "qir-sandbox-fork-child") == [])
    }

    /// Without a cgroup, RLIMIT_NPROC of the endpoint's own user still stops the loop, but the runner cannot tell
    /// that refusal from any other failure, so nothing is named.
    @Test func withoutACgroupTheProcessLimitStillHolds() async throws {
        let limits = SandboxLimits(fileSize: 1 << 30, writes: 64 << 20, processes: 16)
        let run = try await runSandboxed(Self.forkLoop, limits: limits, cgroups: false)
        defer { run.folder.remove() }
        #expect(run.termination == .exited(1), "\(run.output)")
        #expect(run.output.contains("fork refused after"), "\(run.output)")
        #expect(run.reached == [])
        #expect(processes(containing: "qir-sandbox-fork-child") == [])
    }

    /// Up to 100 sleeping children; exits 1 with "fork refused after N" when the limit stops it.
    private static let forkLoop = """
        exec python3 -c '
        import os, sys
        for started in range(100):
            try:
                pid = os.fork()
            except OSError as error:
                print(f"fork refused after {started}: {error}", flush=True)
                sys.exit(1)
            if pid == 0:
                os.execv("/bin/sleep", ["qir-sandbox-fork-child", "300"])
        '
        """
}

/// Processes whose command line contains `marker`, as `pid: command line`.
func processes(containing marker: String) -> [String] {
    let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
    return entries.compactMap { entry -> String? in
        guard Int32(entry) != nil, let data = FileManager.default.contents(atPath: "/proc/\(entry)/cmdline") else {
            return nil
        }
        let line = String(decoding: data.map { $0 == 0 ? 0x20 : $0 }, as: UTF8.self)
        return line.contains(marker) ? "\(entry): \(line)" : nil
    }
}
