import EndpointLauncher
import Foundation
import Orchestration
import Results
import SystemPackage
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// Runs the built `interop-endpoint-exec` for real: a throwaway network namespace, real bind mounts, real signals.
@Suite(.serialized, .enabled(if: isRoot, "needs root for namespaces and mounts"))
struct EndpointLauncherTests {
    /// A job-like set of host directories and a hosts file, with the contract's mount points ensured.
    private struct Fixture {
        let root: TemporaryDirectory
        let www: FilePath
        let downloads: FilePath
        let certs: FilePath
        let logs: FilePath
        let hosts: FilePath
        let log: FilePath

        init() throws {
            root = try TemporaryDirectory("launcher")
            www = try root.makeDirectory("www")
            downloads = try root.makeDirectory("downloads")
            certs = try root.makeDirectory("certs")
            logs = try root.makeDirectory("logs")
            try root.write("www/index.html", "hello from www")
            try root.write("certs/ca.pem", "not really a certificate")
            try root.write("hosts", "127.0.0.1 localhost\n\(SimulatorAddressing.serverIPv4) server4 server46 server\n")
            hosts = root.file("hosts")
            log = root.file("output.txt")
        }

        func request(
            _ namespace: TestNetworkNamespace,
            environment: [LaunchRequest.Variable] = [],
            command: [String]
        ) -> LaunchRequest {
            LaunchRequest(
                networkNamespace: namespace.path.string,
                binds: [
                    .init(source: www.string, target: "/www", readOnly: true),
                    .init(source: downloads.string, target: "/downloads", readOnly: false),
                    .init(source: certs.string, target: "/certs", readOnly: true),
                    .init(source: logs.string, target: "/logs", readOnly: false),
                ],
                hostsFile: hosts.string,
                environment: environment,
                workingDirectory: logs.string,
                command: command
            )
        }

        func output() throws -> String { try root.read("output.txt") }
    }

    /// Runs `body` with a fixture, the mount points and a network namespace, all removed afterwards.
    private func withFixture(_ body: (Fixture, TestNetworkNamespace) async throws -> Void) async throws {
        let fixture = try Fixture()
        defer { fixture.root.remove() }
        let mountPoints = try EndpointMountPoints.ensure()
        defer { mountPoints.removeCreated() }
        try await withTestNetworkNamespace { namespace in try await body(fixture, namespace) }
    }

    private func launch(_ request: LaunchRequest, log: FilePath) async throws -> ProcessTermination {
        try await runProcessGroup(.endpoint(launcher: try LauncherBinary.locate(), request: request, logFile: log))
    }

    /// The mounts of this (the host's) mount namespace on the paths the launcher touches.
    private func hostMounts() throws -> [String] {
        let watched: Set<String> = ["/www", "/downloads", "/certs", "/logs", "/etc/hosts", "/sys"]
        return try String(contentsOfFile: "/proc/self/mountinfo", encoding: .utf8)
            .split(separator: "\n")
            .filter { line in
                let fields = line.split(separator: " ")
                return fields.count > 4 && watched.contains(String(fields[4]))
            }
            .map(String.init)
    }

    @Test func endpointSeesTheNamespaceTheDirectoriesAndTheHostsFile() async throws {
        try await withFixture { fixture, namespace in
            let hostHosts = try String(contentsOfFile: "/etc/hosts", encoding: .utf8)
            let mountsBefore = try hostMounts()
            let script = """
                echo "netns=$(readlink /proc/self/ns/net)"
                echo "links=$(ip -o link | cut -d: -f2 | tr -d ' ' | tr '\\n' ,)"
                echo "sysnet=$(ls /sys/class/net | tr '\\n' ,)"
                echo "www=$(cat /www/index.html)"
                if touch /www/new 2>/dev/null; then echo www=writable; else echo www=read-only; fi
                if echo data > /downloads/got; then echo downloads=writable; fi
                if touch /certs/new 2>/dev/null; then echo certs=writable; else echo certs=read-only; fi
                echo "certs=$(cat /certs/ca.pem)"
                if echo keys > /logs/keys.log; then echo logs=writable; fi
                echo "hosts=$(tr '\\n' '|' < /etc/hosts)"
                echo "pwd=$(pwd)"
                """
            let termination = try await launch(
                fixture.request(namespace, command: ["/bin/sh", "-c", script]),
                log: fixture.log
            )
            let output = try fixture.output()
            #expect(termination == .exited(0), "\(output)")
            let lines = Set(output.split(separator: "\n").map(String.init))
            #expect(lines.contains("netns=net:[\(try namespaceInode(namespace.path))]"))
            // A fresh namespace has only its loopback device, and /sys was remounted to show it.
            #expect(lines.contains("links=lo,"))
            #expect(lines.contains("sysnet=lo,"))
            #expect(lines.contains("www=hello from www"))
            #expect(lines.contains("www=read-only"))
            #expect(lines.contains("downloads=writable"))
            #expect(lines.contains("certs=read-only"))
            #expect(lines.contains("certs=not really a certificate"))
            #expect(lines.contains("logs=writable"))
            #expect(
                lines.contains("hosts=127.0.0.1 localhost|\(SimulatorAddressing.serverIPv4) server4 server46 server|"))
            #expect(lines.contains("pwd=/logs") || lines.contains("pwd=\(fixture.logs.string)"))

            // The writes landed in the host directories; nothing else changed on the host.
            #expect(try fixture.root.read("downloads/got") == "data\n")
            #expect(try fixture.root.read("logs/keys.log") == "keys\n")
            #expect(!FileManager.default.fileExists(atPath: fixture.www.appending("new").string))
            #expect(try String(contentsOfFile: "/etc/hosts", encoding: .utf8) == hostHosts)
            #expect(try hostMounts() == mountsBefore)
            #expect(try FileManager.default.contentsOfDirectory(atPath: "/www").isEmpty)
        }
    }

    @Test func environmentIsExactlyTheGivenVariablesAndDefaults() async throws {
        try await withFixture { fixture, namespace in
            setenv("QIR_RUNNER_ONLY", "leaks", 1)
            defer { unsetenv("QIR_RUNNER_ONLY") }
            let environment: [LaunchRequest.Variable] = [
                .init(name: "ROLE", value: "client"),
                .init(name: "REQUESTS", value: "https://server4:443/a https://server4:443/b"),
                .init(name: "SSLKEYLOGFILE", value: "/logs/keys.log"),
            ]
            let termination = try await launch(
                fixture.request(namespace, environment: environment, command: ["/usr/bin/env"]),
                log: fixture.log
            )
            #expect(termination == .exited(0))
            #expect(
                try fixture.output().split(separator: "\n") == [
                    "ROLE=client",
                    "REQUESTS=https://server4:443/a https://server4:443/b",
                    "SSLKEYLOGFILE=/logs/keys.log",
                    "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
                    "HOME=/tmp",
                    "LANG=C.UTF-8",
                ])
        }
    }

    @Test(arguments: [0, 1, 3, 127])
    func exitStatusPassesThrough(status: Int32) async throws {
        try await withFixture { fixture, namespace in
            let termination = try await launch(
                fixture.request(namespace, command: ["/bin/sh", "-c", "exit \(status)"]),
                log: fixture.log
            )
            #expect(termination == .exited(status))
        }
    }

    @Test func ignoredAndBlockedSignalsAreResetSoSigtermKillsTheEndpoint() async throws {
        try await withFixture { fixture, namespace in
            let launcher = try LauncherBinary.locate()
            // Python ignores SIGTERM (and, as always, SIGPIPE), blocks SIGUSR2 and execs: the launcher then starts
            // as under a runner that ignores or blocks signals, and without the reset the endpoint would inherit it.
            let spawner = """
                import os, signal, sys
                signal.signal(signal.SIGTERM, signal.SIG_IGN)
                signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGUSR2})
                os.execv(sys.argv[1], sys.argv[1:])
                """
            func spawned(_ endpoint: [String], throughLauncher: Bool, log: String) -> ProcessCommand {
                let command =
                    throughLauncher
                    ? [launcher.string] + fixture.request(namespace, command: endpoint).arguments : endpoint
                return ProcessCommand(
                    executable: "/usr/bin/python3",
                    arguments: ["-c", spawner] + command,
                    logFile: fixture.root.file(log),
                    gracePeriod: .milliseconds(300)
                )
            }
            /// Sends SIGTERM once `sleep` runs, gives it 2 s to die, and says how the process ended.
            func terminate(_ command: ProcessCommand) async throws -> ProcessTermination {
                try await withProcessGroup(command) { group in
                    try #require(try await eventually { commandName(group.pid) == "sleep" })
                    kill(group.pid, SIGTERM)
                    _ = try await eventually(timeout: .seconds(2)) { hasEnded(group.pid) }
                }.termination
            }
            // grep itself reports the dispositions and mask it started with (a shell would clear the mask).
            let report = ["/bin/grep", "-E", "^Sig(Ign|Blk)", "/proc/self/status"]

            #expect(try await runProcessGroup(spawned(report, throughLauncher: true, log: "reset.txt")) == .exited(0))
            #expect(try fixture.root.read("reset.txt") == "SigBlk:\t0000000000000000\nSigIgn:\t0000000000000000\n")
            let sleeper = ["/bin/sleep", "30"]
            #expect(try await terminate(spawned(sleeper, throughLauncher: true, log: "a.txt")) == .signaled(SIGTERM))

            // The control: the same spawner without the launcher passes the blocked and ignored signals on, and
            // SIGTERM leaves the endpoint alive until the teardown kills it.
            #expect(try await runProcessGroup(spawned(report, throughLauncher: false, log: "kept.txt")) == .exited(0))
            let kept = try fixture.root.read("kept.txt")
            #expect(
                kept.contains("SigBlk:\t0000000000000800") && !kept.contains("SigIgn:\t0000000000000000"), "\(kept)")
            #expect(try await terminate(spawned(sleeper, throughLauncher: false, log: "b.txt")) == .signaled(SIGKILL))
        }
    }

    @Test func badInputExits126WithOneLineNamingTheStepAndPath() async throws {
        try await withFixture { fixture, namespace in
            var missingNamespace = fixture.request(namespace, command: ["/bin/true"])
            missingNamespace.networkNamespace = "/run/netns/qir-test-missing"
            var notANamespace = fixture.request(namespace, command: ["/bin/true"])
            notANamespace.networkNamespace = fixture.hosts.string
            var missingSource = fixture.request(namespace, command: ["/bin/true"])
            missingSource.binds[0].source = fixture.root.file("no-such-www").string
            var missingTarget = fixture.request(namespace, command: ["/bin/true"])
            missingTarget.binds[1].target = "/qir-no-such-mount-point"
            let missingProgram = fixture.request(namespace, command: ["/qir/no/such/run_endpoint.sh"])
            let notInPath = fixture.request(namespace, command: ["qir-no-such-program"])

            let cases: [(LaunchRequest, String)] = [
                (missingNamespace, "open network namespace /run/netns/qir-test-missing: No such file or directory"),
                (notANamespace, "enter network namespace \(fixture.hosts.string): Invalid argument"),
                (missingSource, "bind \(fixture.root.file("no-such-www").string) onto /www: No such file or directory"),
                (missingTarget, "bind \(fixture.downloads.string) onto /qir-no-such-mount-point: No such file"),
                (missingProgram, "execute /qir/no/such/run_endpoint.sh: No such file or directory"),
                (notInPath, "execute qir-no-such-program: not found in PATH"),
            ]
            for (request, expected) in cases {
                let log = fixture.root.file("failure-\(UUID().uuidString).txt")
                let termination = try await launch(request, log: log)
                let output = try String(contentsOfFile: log.string, encoding: .utf8)
                #expect(termination == .exited(126), "\(expected)")
                #expect(output.hasPrefix("interop-endpoint-exec: \(expected)"), "\(output)")
                #expect(output.split(separator: "\n").count == 1, "\(output)")
            }
        }
    }
}

/// The command name of process `pid` (`/proc/<pid>/comm`), or `nil` when it is gone.
func commandName(_ pid: pid_t) -> String? {
    (try? String(contentsOfFile: "/proc/\(pid)/comm", encoding: .utf8))?.trimmingCharacters(in: .newlines)
}
