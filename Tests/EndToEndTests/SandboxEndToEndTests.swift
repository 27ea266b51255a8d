import Batch
import Foundation
import Logging
import Results
import Testing

/// The endpoint sandbox in whole runs: fixture endpoints that reach each limit or try to get out, and runs killed
/// with SIGKILL whose leftovers the next run removes.
@Suite(.serialized) struct SandboxEndToEndTests {
    /// Each limit a fixture reaches fails its job with a reason naming the limit and its value; nothing the
    /// fixtures started is left.
    @Test(.enabled(if: EndToEnd.canRunEndpoints), .timeLimit(.minutes(2)))
    func limitsFailTheJobNamingTheLimit() async throws {
        let matrix = try Matrix("limits")
        defer { matrix.remove() }
        let output = matrix.output("out")
        let spec = try matrix.spec(
            servers: ["quic-go"], clients: ["write-limit", "file-size-limit", "fork-loop"], tests: ["handshake"],
            output: output, jobs: 2, extra: "limits: {writes: 8MiB, file-size: 1MiB, processes: 48}")
        let runner = try RunnerProcess(["--spec", spec], folder: matrix.io)
        let pid = runner.pid
        let ending = try await runner.wait(limit: .seconds(90))
        #expect(ending.status == 1, "\(ending.stderr)")
        let results = try matrix.journal(of: output)
        let expected = [
            "write-limit":
                "client reached the write limit (8 MiB in /downloads, /logs and /tmp) and exited with status 1",
            "file-size-limit": "client reached the file size limit (1 MiB per file) and exited with status 153",
            "fork-loop": "client reached the process limit (48 processes and threads) and exited with status 1",
        ]
        for (client, reason) in expected {
            let result = results[JobID(server: "quic-go", client: client, test: "handshake")]
            #expect(result?.status == .failed, "\(client): \(result?.reason ?? ending.stderr)")
            #expect(result?.reason == reason, "\(client)")
        }
        let forked = try String(
            contentsOfFile: output + "/logs/quic-go_fork-loop/handshake/client.out.txt", encoding: .utf8)
        #expect(forked.contains("fork refused after"), "\(forked)")
        #expect(EndToEnd.processes(containing: "qir-e2e-fork-child") == [])
        #expect(EndToEnd.namespaces(of: pid) == [])
    }

    /// An endpoint installed under the host's `/tmp` (a checkout there, as a CI system may make it) still runs: the
    /// sandbox's private `/tmp` would hide it, so its tree is kept, read-only.
    @Test(.enabled(if: EndToEnd.canRunEndpoints), .timeLimit(.minutes(2)))
    func anEndpointInstalledUnderTmpRuns() async throws {
        let matrix = try Matrix("tmp-checkout")
        defer { matrix.remove() }
        #expect(matrix.folder.hasPrefix("/tmp/"), "NSTemporaryDirectory is \(NSTemporaryDirectory())")
        let endpoints = matrix.folder + "/checkout/ci/endpoints"
        try FileManager.default.createDirectory(atPath: endpoints, withIntermediateDirectories: true)
        for name in ["common", "quic-go"] {
            try FileManager.default.copyItem(
                atPath: EndToEnd.repository + "/ci/endpoints/" + name, toPath: endpoints + "/" + name)
        }
        let registry = matrix.folder + "/tmp-registry.json"
        try
            #"{"copied": {"url": "https://example.invalid/copied", "role": "both", "command": "\#(endpoints)/quic-go/run_endpoint"}}"#
            .write(toFile: registry, atomically: true, encoding: .utf8)
        let output = matrix.output("out")
        let ending = try await RunnerProcess.run(
            ["--registry", registry, "-s", "copied", "-c", "copied", "-t", "handshake", "--output-dir", output],
            folder: matrix.io)
        #expect(ending.status == 0, "\(ending.stderr)")
        let result = try matrix.journal(of: output)[JobID(server: "copied", client: "copied", test: "handshake")]
        #expect(result?.status == .succeeded, "\(result?.reason ?? ending.stderr)")
    }

    /// The escapes a new user tried are refused: writes outside the contract folders, the nsenter escape into the
    /// runner's network namespace with a daemon that outlived the job, a user namespace, a mount, a signal to the
    /// runner. The fixture then runs the real client, so the job succeeds only if all were refused.
    @Test(.enabled(if: EndToEnd.canRunEndpoints), .timeLimit(.minutes(2)))
    func escapesAreRefused() async throws {
        let matrix = try Matrix("escape")
        defer { matrix.remove() }
        let output = matrix.output("out")
        let spec = try matrix.spec(
            servers: ["quic-go"], clients: ["escape"], tests: ["handshake"], output: output, jobs: 1)
        let ending = try await RunnerProcess.run(["--spec", spec], folder: matrix.io)
        let said = try String(
            contentsOfFile: output + "/logs/quic-go_escape/handshake/client.out.txt", encoding: .utf8)
        #expect(ending.status == 0, "\(said)\n\(ending.stderr)")
        let result = try matrix.journal(of: output)[JobID(server: "quic-go", client: "escape", test: "handshake")]
        #expect(result?.status == .succeeded, "\(result?.reason ?? "")")
        #expect(!said.contains("ESCAPED"), "\(said)")
        for attempt in ["write /etc/", "write /var/tmp/", "nsenter --net=/proc/", "unshare --user", "mount -t tmpfs"] {
            #expect(said.contains("refused: \(attempt)"), "\(attempt): \(said)")
        }
        #expect(said.contains("CapEff: 0000000000000400 NoNewPrivs: 1 Seccomp: 2"), "\(said)")
        for folder in ["/var/tmp", "/etc", "/opt", "/usr/local", "/root", "/run", "/dev/shm", "/tmp"] {
            #expect(!FileManager.default.fileExists(atPath: "\(folder)/qir-e2e-escape-4242"), "\(folder)")
        }
        #expect(!FileManager.default.fileExists(atPath: EndToEnd.fixtures + "/escape/qir-e2e-escape-4242"))
        #expect(EndToEnd.processes(containing: "300.4242") == [])
    }

    /// When a run is killed with SIGKILL.
    enum KillMoment: String, CaseIterable, Sendable {
        /// As soon as the first job's first namespace exists: its network, simulator and endpoints are being set up.
        case firstJobSetUp
        /// While the second job's client is downloading (the first job has finished).
        case midTransfer

        /// The path pattern whose first match (a non-empty file for ``midTransfer``) is the moment, for runner `pid`.
        func pattern(runner pid: Int32) -> KillWatcher.Pattern {
            switch self {
            case .firstJobSetUp: .init(glob: "/run/netns/qir-\(pid)x*", nonEmpty: false)
            case .midTransfer:
                .init(
                    glob: NSTemporaryDirectory() + "interop-runner-\(pid)-*/j1/sandbox-client-*/downloads/*",
                    nonEmpty: true)
            }
        }
    }

    /// A run killed at either moment leaves namespaces, mounts, processes, cgroups and its work folder; the next run
    /// removes all of them and says so, and the killed run's journal holds every job it announced as finished.
    @Test(.enabled(if: EndToEnd.canRunEndpoints), .timeLimit(.minutes(3)), arguments: KillMoment.allCases)
    func aKilledRunLeavesNothingAfterTheNextRun(at moment: KillMoment) async throws {
        let matrix = try Matrix("kill-\(moment.rawValue)")
        defer { matrix.remove() }
        let interfaces = EndToEnd.hostInterfaces()
        let output = matrix.output("killed")
        let spec = try matrix.spec(
            servers: ["quic-go"], clients: ["quic-go"], tests: ["handshake", "transfer"], output: output, jobs: 1)
        let runner = try RunnerProcess(["--spec", spec], folder: matrix.io)
        let pid = runner.pid
        let killed = try await KillWatcher.run(runner: pid, when: moment.pattern(runner: pid), folder: matrix.io)
        // What the run leaves, counted while it is stopped at the moment and before it is killed: a runner another
        // test starts reaps a dead run's leftovers too, and the test only counts if there was something to remove.
        let left = EndToEnd.Leftovers(of: pid)
        kill(pid, SIGKILL)
        #expect(killed, "\(runner.stderrSoFar)")
        let ending = try await runner.wait(limit: .seconds(10))
        #expect(ending.status == 128 + SIGKILL)

        #expect(
            !left.namespaces.isEmpty && !left.mounts.isEmpty && !left.workspaces.isEmpty && !left.cgroups.isEmpty,
            "\(left)")
        if moment == .midTransfer {
            #expect(!left.processes.isEmpty, "\(left)")
        }

        let next = try await RunnerProcess.run(
            [
                "--registry", matrix.registry, "-s", "quic-go", "-c", "quic-go", "-t", "handshake", "--output-dir",
                matrix.output("next"),
            ], folder: matrix.io)
        #expect(next.status == 0, "\(next.stderr)")
        // Which run removes them is a race: a runner another test starts at the same time may come first. That
        // nothing is left is what counts.
        let after = EndToEnd.Leftovers(of: pid)
        #expect(
            after.namespaces == [] && after.mounts == [] && after.workspaces == [] && after.cgroups == [], "\(after)")
        #expect(left.processes.filter(EndToEnd.isAlive) == [], "\(left.processes)")
        #expect(EndToEnd.hostInterfaces() == interfaces)

        let recorded = Set(try Journal.read(path: output + "/journal.jsonl").map(\.id.logPath))
        let announced = Set(
            ending.stderr.split(separator: "\n").compactMap { line -> String? in
                guard let range = line.range(of: #"[^ ]+_[^ ]+/[a-z0-9]+: [a-z]+"#, options: .regularExpression) else {
                    return nil
                }
                return String(line[range].split(separator: ":")[0])
            })
        #expect(announced == recorded, "announced \(announced), journal \(recorded)")
        #expect(recorded.count == (moment == .firstJobSetUp ? 0 : 1), "\(recorded)")
    }
}
