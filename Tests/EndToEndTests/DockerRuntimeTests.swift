import Batch
import Foundation
import Logging
import Orchestration
import Results
import Testing

/// The docker runtime with a real daemon and the local endpoints' images (`ci/docker/build-images.sh`): the same
/// verdicts as the process runtime, mixed pairs, a wider pool, fixture images, an unreachable daemon, a killed run.
/// Serialized: each run already uses the machine's cores.
@Suite(.serialized) struct DockerRuntimeTests {
    /// CI builds the images and starts dockerd: there, a missing one fails instead of skipping every test.
    @Test(.enabled(if: EndToEnd.isCI && EndToEnd.isRoot))
    func dockerIsReadyOnCI() {
        #expect(Docker.missing == [], "run `bash ci/docker/build-images.sh` first")
    }

    /// A registry where quic-go, aioquic and quinn have both a command and their local image, plus fixture images.
    private func registry(in matrix: Matrix, fixtures: [String: String] = [:]) throws -> String {
        var entries: [String: [String: String]] = [:]
        for name in ["quic-go", "aioquic", "quinn"] {
            entries[name] = [
                "url": "https://example.invalid/\(name)", "role": "both",
                "command": EndToEnd.repository + "/ci/endpoints/\(name)/run_endpoint",
                "image": Docker.localImages[name] ?? "",
            ]
        }
        for (name, image) in fixtures {
            entries[name] = ["url": "https://example.invalid/\(name)", "role": "both", "image": image]
        }
        let path = matrix.folder + "/docker-registry.json"
        try JSONSerialization.data(withJSONObject: entries, options: [.sortedKeys]).write(
            to: URL(fileURLWithPath: path))
        return path
    }

    /// Runs the built runner over `registry` and returns its journal, expecting exit `status` (any, if negative).
    private func run(
        _ matrix: Matrix, _ registry: String, _ arguments: [String], output: String, status: Int32,
        environment: [String: String] = [:]
    ) async throws -> [JobID: JobResult] {
        let ending = try await RunnerProcess.run(
            ["--registry", registry, "--seed", "7", "--output-dir", output] + arguments, folder: matrix.io,
            environment: environment, limit: .seconds(600))
        // A negative `status` takes whichever verdict the run gave.
        if status >= 0 { #expect(ending.status == status, "\(ending.stderr.suffix(3000))") }
        return try matrix.journal(of: output)
    }

    /// What the jobs of `results` that failed, timed out or erred wrote last (the verdict's `output.txt` and each
    /// endpoint's output), for an expectation's message: the test's folder goes with the test.
    private func failures(in output: String, _ results: [JobID: JobResult]) -> String {
        let failed = results.filter { [.failed, .timeout, .error].contains($0.value.status) }.keys
        return failed.sorted { $0.logPath < $1.logPath }.map { job in
            let folder = output + "/logs/" + job.logPath
            let tails = ["output.txt", "client.out.txt", "server.out.txt"].map { name in
                let text = (try? String(contentsOfFile: folder + "/" + name, encoding: .utf8)) ?? "(none)"
                return "--- \(name)\n" + text.suffix(1500)
            }
            return "=== \(job.logPath)\n" + tails.joined(separator: "\n")
        }.joined(separator: "\n")
    }

    /// The same matrix gives the same verdicts whether its endpoints run as local commands or as images.
    ///
    /// A few cells of loss and rebinding tests change from run to run whatever the runtime (endpoint timing on a busy
    /// machine). A cell that differs is run again, alone, twice in each runtime: it counts as the same when both
    /// runtimes produced one verdict in common, and as a difference of the runtimes only when they never agree.
    @Test(.enabled(if: Docker.canRun), .timeLimit(.minutes(12)))
    func processAndDockerRuntimesAgree() async throws {
        let matrix = try Matrix("docker-agree")
        defer { matrix.remove() }
        let registry = try registry(in: matrix)
        let names = "quic-go,aioquic,quinn"
        let arguments = [
            "-s", names, "-c", names, "-t", "handshake,transfer,retry,http3,transferloss,rebind-port", "-n", names,
            "--jobs", "6",
        ]
        let process = try await run(
            matrix, registry, arguments + ["--runtime", "process"], output: matrix.output("process"), status: 1)
        let docker = try await run(
            matrix, registry, arguments + ["--runtime", "docker"], output: matrix.output("docker"), status: 1)
        #expect(process.count == 54 && docker.count == 54)
        #expect(docker.values.filter { $0.status == .succeeded }.count >= 30, "\(docker.mapValues(\.status))")
        #expect(docker.values.allSatisfy { $0.status != .error }, "\(docker.values.compactMap(\.reason))")

        var differing: [String] = []
        for id in process.keys.sorted(by: { $0.logPath < $1.logPath }) where process[id]?.status != docker[id]?.status {
            var seen: [String: Set<JobStatus>] = [
                "process": Set([process[id]?.status].compactMap { $0 }),
                "docker": Set([docker[id]?.status].compactMap { $0 }),
            ]
            for attempt in 1...2 {
                for runtime in ["process", "docker"] {
                    let again = try await run(
                        matrix, registry,
                        [
                            "-s", id.server, "-c", id.client, "-t", id.test, "--runtime", runtime, "-n",
                            Set([id.server, id.client]).sorted().joined(separator: ","),
                        ],
                        output: matrix.output("again-\(id.server)-\(id.client)-\(id.test)-\(runtime)-\(attempt)"),
                        status: -1)
                    if let status = again[id]?.status { seen[runtime, default: []].insert(status) }
                }
            }
            let common = seen["process", default: []].intersection(seen["docker", default: []])
            if common.isEmpty {
                differing.append("\(id): process \(seen["process"] ?? []), docker \(seen["docker"] ?? [])")
            }
        }
        #expect(differing.isEmpty, "\(differing)")
        // The compliance check ran once per image and role, in whichever job asked first.
        let checks = try FileManager.default.subpathsOfDirectory(atPath: matrix.output("docker") + "/logs")
            .filter { $0.hasSuffix("compliance-server.out.txt") }
        #expect(checks.count == 3, "\(checks)")
        let output = try String(
            contentsOfFile: matrix.output("docker") + "/logs/quinn_aioquic/handshake/output.txt", encoding: .utf8)
        #expect(output.contains("server: quinn, image \(Docker.localImages["quinn"] ?? "?") (sha256:"), "\(output)")
        // Every run ended and left no container behind.
        #expect(try await Docker.leakedContainers() == [])
    }

    /// A Docker server with a local client and the reverse; `-r` runs another local image under a name, and
    /// result.json records which image ran.
    @Test(.enabled(if: Docker.canRun), .timeLimit(.minutes(5)))
    func mixedPairsAndReplacedImages() async throws {
        let matrix = try Matrix("docker-mixed")
        defer { matrix.remove() }
        let registry = try registry(in: matrix)
        let qh3 = try #require(Docker.localImages["qh3"])
        for (replace, server, client) in [
            ("quic-go=\(Docker.localImages["quic-go"] ?? "")", "quic-go", "aioquic"),
            ("aioquic=\(Docker.localImages["aioquic"] ?? "")", "quic-go", "aioquic"),
            ("quic-go=\(qh3)", "aioquic", "quic-go"),
        ] {
            let output = matrix.output("mixed-\(replace.prefix(while: { $0 != "=" }))-\(server)")
            let jobs = try await run(
                matrix, registry, ["-s", server, "-c", client, "-t", "handshake,transfer", "-r", replace],
                output: output, status: 0)
            #expect(jobs.values.map(\.status) == [.succeeded, .succeeded], "\(replace): \(jobs)")
            let result = try String(contentsOfFile: output + "/result.json", encoding: .utf8)
            let replaced = String(replace.split(separator: "=")[1])
            #expect(result.contains("\"runtime\": \"docker\", \"reference\": \"\(replaced)\", \"image_id\": \"sha256:"))
            #expect(result.contains("\"runtime\": \"process\""), "the other side ran its command")
        }
        // Under the name quic-go, qh3's image ran: its adapter says so.
        let client = try String(
            contentsOfFile: matrix.output("mixed-quic-go-aioquic") + "/logs/aioquic_quic-go/handshake/client.out.txt",
            encoding: .utf8)
        #expect(client.contains("qh3 client test case: handshake"), "\(client)")
    }

    /// Four jobs at once give the same verdicts as one at a time, and really overlap.
    @Test(.enabled(if: Docker.canRun), .timeLimit(.minutes(5)))
    func aWiderPoolKeepsTheVerdicts() async throws {
        let matrix = try Matrix("docker-pool")
        defer { matrix.remove() }
        let registry = try registry(in: matrix, fixtures: ["unsupported": try await Docker.fixtureImage("unsupported")])
        var runs: [Int: [JobID: JobResult]] = [:]
        for jobs in [4, 1] {
            runs[jobs] = try await run(
                matrix, registry,
                [
                    "--runtime", "docker", "-s", "quic-go,aioquic", "-c", "quic-go,aioquic,unsupported", "-t",
                    "handshake,retry", "-n", "quic-go,aioquic,unsupported", "--jobs", "\(jobs)",
                ], output: matrix.output("jobs\(jobs)"), status: 0)
        }
        let wide = try #require(runs[4])
        let narrow = try #require(runs[1])
        #expect(
            wide.count == 12 && wide.mapValues(\.status) == narrow.mapValues(\.status),
            "\(failures(in: matrix.output("jobs4"), wide))\n\(failures(in: matrix.output("jobs1"), narrow))")
        #expect(
            wide.values.filter { $0.status == .succeeded }.count == 8,
            "\(wide.mapValues(\.status))\n\(failures(in: matrix.output("jobs4"), wide))")
        #expect(wide.values.filter { $0.status == .unsupported }.count == 4, "\(wide.mapValues(\.status))")
        let intervals = wide.values.map {
            ($0.start.timeIntervalSince1970, $0.start.timeIntervalSince1970 + $0.duration)
        }
        #expect(intervals.contains { a in intervals.contains { b in a != b && a.0 < b.1 && b.0 < a.1 } })
    }

    /// An image that exits 127 is unsupported, one that hangs times out and leaves no container, a missing image is
    /// an error naming it (never a failure of the implementation).
    @Test(.enabled(if: Docker.canRun), .timeLimit(.minutes(3)))
    func fixtureImagesAndAMissingImage() async throws {
        let matrix = try Matrix("docker-fixtures")
        defer { matrix.remove() }
        let registry = try registry(
            in: matrix,
            fixtures: [
                "unsupported": try await Docker.fixtureImage("unsupported"),
                "hang": try await Docker.fixtureImage("hang"),
                "absent": "interop-e2e/absent:never-built",
            ])
        let output = matrix.output("out")
        let runner = try RunnerProcess(
            [
                "--registry", registry, "--runtime", "docker", "--pull", "never", "-s", "quic-go", "-c",
                "unsupported,hang,absent", "-t", "handshake", "-n", "quic-go,unsupported,hang,absent", "--spec",
                try spec(in: matrix, "timeouts: {handshake: 12}"), "--output-dir", output,
            ], folder: matrix.io)
        let pid = runner.pid
        let ending = try await runner.wait(limit: .seconds(120))
        #expect(ending.status == 1, "\(ending.stderr)")
        let jobs = try matrix.journal(of: output)
        let unsupported = jobs[JobID(server: "quic-go", client: "unsupported", test: "handshake")]
        #expect(unsupported?.status == .unsupported, "\(unsupported?.reason ?? "")")
        let hang = jobs[JobID(server: "quic-go", client: "hang", test: "handshake")]
        #expect(hang?.status == .timeout, "\(hang?.reason ?? "")")
        let absent = jobs[JobID(server: "quic-go", client: "absent", test: "handshake")]
        #expect(absent?.status == .error)
        #expect(absent?.reason?.contains("image interop-e2e/absent:never-built is not on this machine") == true)
        #expect(try await Docker.containers(of: pid) == [])
        #expect(EndToEnd.namespaces(of: pid) == [])
        #expect(EndToEnd.processes(containing: "qir-e2e-hang") == [])
    }

    /// A daemon that does not answer makes every Docker job an `error` with what to do, reports are still written,
    /// and the run exits with 2.
    @Test(.enabled(if: Docker.canRun), .timeLimit(.minutes(2)))
    func anUnreachableDaemonIsAnError() async throws {
        let matrix = try Matrix("docker-down")
        defer { matrix.remove() }
        let registry = try registry(in: matrix)
        let output = matrix.output("out")
        let ending = try await RunnerProcess.run(
            [
                "--registry", registry, "--runtime", "docker", "-s", "quic-go", "-c", "aioquic", "-t", "handshake",
                "--output-dir", output,
            ], folder: matrix.io, environment: ["DOCKER_HOST": "unix://\(matrix.folder)/no-daemon.sock"])
        #expect(ending.status == 2, "\(ending.stderr)")
        #expect(ending.stderr.contains("the Docker daemon at unix://\(matrix.folder)/no-daemon.sock is not reachable"))
        #expect(ending.stderr.contains("start dockerd"), "\(ending.stderr)")
        let job = try matrix.journal(of: output)[JobID(server: "quic-go", client: "aioquic", test: "handshake")]
        #expect(job?.status == .error && job?.reason?.contains("not reachable") == true)
        #expect(FileManager.default.fileExists(atPath: output + "/junit.xml"))
    }

    /// SIGKILL of a docker run mid-job leaves containers and namespaces; the next run (any runtime) removes them all.
    @Test(.enabled(if: Docker.canRun), .timeLimit(.minutes(3)))
    func aKilledRunLeavesNothingAfterTheNextRun() async throws {
        let matrix = try Matrix("docker-kill")
        defer { matrix.remove() }
        let registry = try registry(in: matrix, fixtures: ["hang": try await Docker.fixtureImage("hang")])
        let runner = try RunnerProcess(
            [
                "--registry", registry, "--runtime", "docker", "-s", "quic-go", "-c", "hang", "-t", "handshake",
                "-n", "quic-go,hang", "--output-dir", matrix.output("killed"),
            ], folder: matrix.io)
        let pid = runner.pid
        let hanging = try await eventually(within: .seconds(60)) {
            !EndToEnd.processes(containing: "qir-e2e-hang-child").isEmpty
        }
        #expect(hanging, "\(runner.stderrSoFar)")
        runner.send(SIGKILL)
        _ = try await runner.wait(limit: .seconds(10))
        let left = try await Docker.containers(of: pid)
        #expect(!left.isEmpty, "the killed run left its containers")

        let next = try await RunnerProcess.run(
            [
                "--registry", registry, "--runtime", "process", "-s", "quic-go", "-c", "quic-go", "-t", "handshake",
                "--output-dir", matrix.output("next"),
            ], folder: matrix.io)
        #expect(next.status == 0, "\(next.stderr)")
        #expect(next.stderr.contains("reaped leftover container"), "\(next.stderr)")
        #expect(try await Docker.containers(of: pid) == [])
        #expect(EndToEnd.namespaces(of: pid) == [])
        #expect(EndToEnd.processes(containing: "qir-e2e-hang") == [])
    }

    /// `list implementations` says what each entry runs as under a runtime; `validate` names an image that is not on
    /// the machine (exit 2) and passes when every image is.
    @Test(.enabled(if: Docker.canRun), .timeLimit(.minutes(2)))
    func listAndValidateSpeakOfImages() async throws {
        let matrix = try Matrix("docker-list")
        defer { matrix.remove() }
        let registry = try registry(in: matrix, fixtures: ["absent": "interop-e2e/absent:never-built"])
        let auto = try await RunnerProcess.run(["list", "implementations", "--registry", registry], folder: matrix.io)
        #expect(auto.status == 0, "\(auto.stderr)")
        #expect(auto.stdout.contains("runs as: command \(EndToEnd.repository)/ci/endpoints/quic-go/run_endpoint"))
        #expect(
            auto.stdout.contains("runs as: image interop-e2e/absent:never-built (docker runtime)"), "\(auto.stdout)")
        let process = try await RunnerProcess.run(
            ["list", "implementations", "--registry", registry, "--runtime", "process"], folder: matrix.io)
        #expect(process.stdout.contains("runs as: nothing under --runtime process"), "\(process.stdout)")

        let invalid = try await RunnerProcess.run(
            ["validate", "--registry", registry, "--runtime", "docker", "-s", "quic-go", "-c", "absent,aioquic"],
            folder: matrix.io)
        #expect(invalid.status == 2, "\(invalid.stderr)")
        #expect(
            invalid.stderr == "error: docker: at absent.image: image interop-e2e/absent:never-built is not on this "
                + "machine; pull or build it (docker pull interop-e2e/absent:never-built) before the run, which would "
                + "otherwise try to pull it\n")
        let valid = try await RunnerProcess.run(
            ["validate", "--registry", registry, "--runtime", "docker", "-s", "quic-go", "-c", "aioquic"],
            folder: matrix.io)
        #expect(valid.status == 0, "\(valid.stderr)")
    }

    /// A spec holding only `extra` (the tests give everything else on the command line).
    private func spec(in matrix: Matrix, _ extra: String) throws -> String {
        let path = matrix.folder + "/extra-\(UInt32.random(in: 0...UInt32.max)).yml"
        try extra.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }
}
