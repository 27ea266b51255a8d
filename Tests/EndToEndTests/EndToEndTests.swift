import Batch
import Foundation
import Logging
import Orchestration
import Results
import Testing

/// Whole runs with real QUIC endpoints and fixture endpoints, one at a time (each already runs jobs in parallel,
/// and the machine has few cores). Slow cases are grouped so the suite stays within a few minutes.
@Suite(.serialized) struct EndToEndTests {
    /// CI installs the endpoints and runs as root: there, missing endpoints fail instead of skipping every test.
    @Test(.enabled(if: EndToEnd.isCI && EndToEnd.isRoot))
    func endpointsAreInstalledOnCI() {
        #expect(EndToEnd.missingEndpoints == [], "run `bash ci/setup.sh` first")
    }

    /// Real pairs succeed and a server that serves a corrupted file fails with a reason naming that file; run
    /// in-process through the library API, as the command does.
    @Test(.enabled(if: EndToEnd.canRunEndpoints), .timeLimit(.minutes(10)))
    func realPairsSucceedAndACorruptedFileIsNamed() async throws {
        let matrix = try Matrix("pairs")
        defer { matrix.remove() }
        var options = RunOptions()
        options.registries = [matrix.registry]
        options.servers = "quic-go,corrupt-server"
        options.clients = "quic-go,aioquic"
        options.tests = "handshake,transfer"
        options.noAutoUnsupported = "quic-go,aioquic,corrupt-server"
        options.outputDir = matrix.output("out")
        options.jobs = 2
        options.seed = 11
        // The suite keeps both cores busy; a transfer through the userspace simulator may take longer than alone.
        let spec = try MatrixSpec.decode("timeouts: {transfer: 240}\n", file: matrix.folder + "/timeouts.yml")
        let configuration = try RunConfiguration.resolve(
            options: options, spec: spec,
            environment: RunConfiguration.Environment(
                defaultRegistries: { _ in [] }, menu: { TestMenu(catalogFor: $0) }, cores: 2, now: Date(),
                randomSeed: { 1 }))
        let batch = BatchRun(configuration: configuration, runnerVersion: "end-to-end")
        try batch.prepareOutputs()
        let logger = Logger(label: "end-to-end") { _ in SwiftLogNoOpLogHandler() }
        let outcome = try await withRunEnvironment(logger: logger) { environment in
            try await batch.run(in: environment, logger: logger)
        }
        #expect(outcome.interruptedBy == nil)
        let results = Dictionary(outcome.result.jobs.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        #expect(results.count == 8)
        for client in ["quic-go", "aioquic"] {
            for test in ["handshake", "transfer"] {
                let good = results[JobID(server: "quic-go", client: client, test: test)]
                #expect(good?.status == .succeeded, "quic-go × \(client) \(test): \(good?.reason ?? "no result")")

                let id = JobID(server: "corrupt-server", client: client, test: test)
                let bad = try #require(results[id])
                let logDir = configuration.output.logDir + "/" + id.logPath
                let serverSaid = try String(contentsOfFile: logDir + "/server.out.txt", encoding: .utf8)
                let corrupted = try #require(
                    serverSaid.split(separator: "\n").first { $0.hasPrefix("corrupted ") }, "\(id): \(serverSaid)")
                let words = corrupted.split(separator: " ")
                let expected = "file \(words[1]) differs from the served file at byte \(words[4])"
                #expect(bad.status == .failed, "\(id)")
                #expect(bad.reason == expected, "\(id)")
                let output = try String(contentsOfFile: logDir + "/output.txt", encoding: .utf8)
                #expect(output.contains("reason: \(expected)"), "\(id) output.txt: \(output)")
            }
        }
        // Other test targets of this process make namespaces under the same pid; a run's jobs are labelled `j<n>`.
        let left = EndToEnd.namespaces(of: getpid()).filter {
            $0.range(of: "-j[0-9]+-", options: .regularExpression) != nil
        }
        #expect(left == [])
    }

    /// An endpoint that exits 127 is `unsupported`; one that hangs is `timeout` after the spec's short timeout, and
    /// its job leaves no namespace and no process behind.
    @Test(.enabled(if: EndToEnd.canRunEndpoints), .timeLimit(.minutes(2)))
    func unsupportedAndHangingEndpoints() async throws {
        let matrix = try Matrix("fixtures")
        defer { matrix.remove() }
        let output = matrix.output("out")
        let spec = try matrix.spec(
            servers: ["quic-go"], clients: ["unsupported", "hang"], tests: ["handshake"], output: output, jobs: 2,
            extra: "timeouts:\n  handshake: 4")
        let runner = try RunnerProcess(["--spec", spec], folder: matrix.io)
        let pid = runner.pid
        let ending = try await runner.wait(limit: .seconds(60))
        #expect(ending.status == 1, "\(ending.stderr)")
        let results = try matrix.journal(of: output)
        let unsupported = results[JobID(server: "quic-go", client: "unsupported", test: "handshake")]
        #expect(unsupported?.status == .unsupported, "\(unsupported?.reason ?? ending.stderr)")
        let hung = results[JobID(server: "quic-go", client: "hang", test: "handshake")]
        #expect(hung?.status == .timeout, "\(hung?.reason ?? ending.stderr)")
        #expect(hung.map { $0.duration >= 4 && $0.duration < 20 } == true, "\(hung?.duration ?? 0)")
        #expect(EndToEnd.namespaces(of: pid) == [])
        #expect(EndToEnd.processes(containing: "qir-e2e-hang") == [])
        let jobOutput = try String(contentsOfFile: output + "/logs/quic-go_hang/handshake/output.txt", encoding: .utf8)
        #expect(jobOutput.contains("status: timeout"), "\(jobOutput)")
    }

    /// The same small matrix with three jobs at once and one at a time gives the same verdicts: successes, a
    /// failure (the corrupted file) and unsupported jobs.
    @Test(.enabled(if: EndToEnd.canRunEndpoints), .timeLimit(.minutes(3)))
    func parallelRunMatchesSerialRun() async throws {
        let matrix = try Matrix("parallel")
        defer { matrix.remove() }
        var runs: [Int: [JobID: JobResult]] = [:]
        for jobs in [3, 1] {
            let output = matrix.output("jobs\(jobs)")
            let ending = try await RunnerProcess.run(
                [
                    "--registry", matrix.registry, "-s", "quic-go,aioquic,corrupt-server", "-c",
                    "quic-go,aioquic,unsupported", "-t", "handshake", "-n",
                    "quic-go,aioquic,corrupt-server,unsupported", "--jobs", "\(jobs)", "--seed", "3", "--output-dir",
                    output,
                ], folder: matrix.io)
            #expect(ending.status == 1, "\(ending.stderr)")
            runs[jobs] = try matrix.journal(of: output)
        }
        let parallel = try #require(runs[3]).mapValues(\.status)
        let serial = try #require(runs[1]).mapValues(\.status)
        #expect(parallel.count == 9)
        #expect(parallel == serial)
        #expect(serial.values.filter { $0 == .succeeded }.count == 4, "\(serial)")
        #expect(serial.values.filter { $0 == .failed }.count == 2, "\(serial)")
        #expect(serial.values.filter { $0 == .unsupported }.count == 3, "\(serial)")
        // The wider run really ran jobs side by side: some two of its jobs overlap in time.
        let intervals = try #require(runs[3]).values.map {
            ($0.start.timeIntervalSince1970, $0.start.timeIntervalSince1970 + $0.duration)
        }
        let overlapping = intervals.contains { a in intervals.contains { b in a != b && a.0 < b.1 && b.0 < a.1 } }
        #expect(overlapping)
    }

    /// A run killed with SIGKILL mid-way has every job it announced as finished in its journal; the next run's
    /// reaper removes what it left.
    @Test(.enabled(if: EndToEnd.canRunEndpoints), .timeLimit(.minutes(2)))
    func killedRunKeepsItsJournal() async throws {
        let matrix = try Matrix("sigkill")
        defer { matrix.remove() }
        let output = matrix.output("out")
        let spec = try matrix.spec(
            servers: ["quic-go"], clients: ["quic-go", "aioquic", "qh3"], tests: ["handshake", "transfer"],
            output: output, jobs: 1)
        let runner = try RunnerProcess(["--spec", spec], folder: matrix.io)
        let pid = runner.pid
        let journal = output + "/journal.jsonl"
        let twoFinished = try await eventually(within: .seconds(60)) {
            ((try? Journal.read(path: journal))?.count ?? 0) >= 2
        }
        #expect(twoFinished, "\(runner.stderrSoFar)")
        runner.send(SIGKILL)
        let ending = try await runner.wait(limit: .seconds(10))
        #expect(ending.status == 128 + SIGKILL)
        let recorded = Set(try Journal.read(path: journal).map(\.id.logPath))
        let announced = ending.stderr.split(separator: "\n").compactMap { line -> String? in
            guard let range = line.range(of: #"[^ ]+_[^ ]+/[a-z0-9]+: [a-z]+"#, options: .regularExpression) else {
                return nil
            }
            return String(line[range].split(separator: ":")[0])
        }
        #expect(announced.count >= 2, "\(ending.stderr)")
        #expect(Set(announced).isSubset(of: recorded), "announced \(announced), journal \(recorded)")
        #expect(recorded.count < 6, "the run was not killed mid-way")

        let logger = Logger(label: "end-to-end") { _ in SwiftLogNoOpLogHandler() }
        await NetworkReaper.reap(logger: logger)
        #expect(EndToEnd.namespaces(of: pid) == [])
    }

    /// SIGINT and SIGTERM cancel the pool: the running job tears down, the finished job is reported, exit code 2.
    @Test(.enabled(if: EndToEnd.canRunEndpoints), .timeLimit(.minutes(5)), arguments: [SIGINT, SIGTERM])
    func terminationSignalsCancelTheRun(signal: Int32) async throws {
        let matrix = try Matrix("signal\(signal)")
        defer { matrix.remove() }
        let output = matrix.output("out")
        let spec = try matrix.spec(
            servers: ["quic-go"], clients: ["quic-go", "hang"], tests: ["handshake"], output: output, jobs: 1,
            extra: "timeouts:\n  handshake: 60")
        let runner = try RunnerProcess(["--spec", spec], folder: matrix.io)
        let pid = runner.pid
        // This runner's first job finished (so its handlers are in place) and a hang fixture runs: other tests run
        // the fixture at the same time, so its process alone does not say it is this runner's.
        let hanging = try await eventually(within: .seconds(90)) {
            runner.stderrSoFar.contains("quic-go_quic-go/handshake: succeeded")
                && !EndToEnd.processes(containing: "qir-e2e-hang-child").isEmpty
        }
        #expect(hanging, "\(runner.stderrSoFar)")
        try await Task.sleep(for: .seconds(1))
        runner.send(signal)
        let ending = try await runner.wait(limit: .seconds(30))
        #expect(ending.status == 2, "\(ending.stderr)")
        #expect(ending.stderr.contains("interrupted by signal \(signal)"), "\(ending.stderr)")
        #expect(EndToEnd.namespaces(of: pid) == [])
        // Other tests' hang fixtures end with their own jobs' timeouts.
        #expect(try await eventually(within: .seconds(90)) { EndToEnd.processes(containing: "qir-e2e-hang").isEmpty })
        let finished = try matrix.journal(of: output)[JobID(server: "quic-go", client: "quic-go", test: "handshake")]
        #expect(finished?.status == .succeeded)
        let report = try String(contentsOfFile: output + "/result.json", encoding: .utf8)
        #expect(report.contains("\"succeeded\""), "\(report)")
        #expect(FileManager.default.fileExists(atPath: output + "/junit.xml"))
    }
}
