import Batch
import Foundation
import Results
import Testing

/// CI at scale with real endpoints and real runner processes: retries and flaky marking, resuming a killed run,
/// the deadline, the trace policies, shards and their merge. One at a time (each run already runs jobs in parallel).
@Suite(.serialized) struct ScaleEndToEndTests {
    /// `result.json`'s own member, and its jobs by log path.
    private func extensionJobs(_ output: String) throws -> [String: [String: Any]] {
        let data = try Data(contentsOf: URL(fileURLWithPath: output + "/result.json"))
        let root = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let jobs = try #require((root["interop_runner"] as? [String: Any])?["jobs"] as? [[String: Any]])
        return Dictionary(uniqueKeysWithValues: jobs.map { ($0["log_path"] as? String ?? "", $0) })
    }

    private func text(_ path: String) throws -> String { try String(contentsOfFile: path, encoding: .utf8) }

    /// The `<testcase>` element named `name` of a JUnit file, whole.
    private func testcase(_ junit: String, _ name: String) -> String? {
        junit.components(separatedBy: "<testcase ").first { $0.hasPrefix("name=\"\(name)\"") }?
            .components(separatedBy: "</testcase>").first
    }

    /// A client that fails its first run succeeds on the retry: `succeeded` and flaky in result.json, junit.xml
    /// (Surefire's `flakyFailure`), index.html and summary.md; exit 0; both runs' logs kept. A job that fails every
    /// time stays failed after N + 1 runs, each run's logs kept, the earlier ones as `rerunFailure`.
    @Test(.enabled(if: EndToEnd.canRunEndpoints), .timeLimit(.minutes(3)))
    func retriesMarkFlakyJobsAndKeepEveryRun() async throws {
        let matrix = try Matrix("retries", countingFlakyRuns: true)
        defer { matrix.remove() }
        let flakyOut = matrix.output("flaky")
        let flakySpec = try matrix.spec(
            servers: ["quic-go"], clients: ["flaky-once"], tests: ["handshake"], output: flakyOut, jobs: 2)
        let flaky = try await RunnerProcess.run(["--spec", flakySpec, "--retries", "2"], folder: matrix.io)
        #expect(flaky.status == 0, "\(flaky.stderr)")
        let job = try #require(try extensionJobs(flakyOut)["quic-go_flaky-once/handshake"])
        #expect(job["status"] as? String == "succeeded" && job["flaky"] as? Bool == true)
        let attempts = try #require(job["attempts"] as? [[String: Any]])
        #expect(attempts.count == 1 && attempts.first?["status"] as? String == "failed")
        #expect(attempts.first?["log_path"] as? String == "quic-go_flaky-once/handshake/attempt-1")
        #expect(try text(flakyOut + "/result.json").contains(#""result": "succeeded""#))
        let junit = try text(flakyOut + "/junit.xml")
        let flakyCase = try #require(testcase(junit, "handshake"), "\(junit)")
        #expect(flakyCase.contains("<flakyFailure message=") && !flakyCase.contains("<failure"))
        #expect(flakyCase.contains("attempt-1]]"))
        #expect(junit.contains("failures=\"0\""))
        let html = try text(flakyOut + "/index.html")
        #expect(html.contains("class=\"job s-succeeded flaky\""))
        #expect(html.contains("<dt>Flaky</dt><dd>1 (failed, then succeeded when run again)</dd>"))
        let summary = try text(flakyOut + "/summary.md")
        #expect(summary.contains("### Flaky (1)"), "\(summary)")
        #expect(summary.contains("`handshake` (H): succeeded on attempt 2 — before: failed"), "\(summary)")
        let logs = flakyOut + "/logs/quic-go_flaky-once/handshake"
        #expect(try text(logs + "/attempt-1/client.out.txt").contains("failing run 1 of handshake"))
        // The two runs left start together (nothing else waits): the first to succeed is the job's last run.
        let lastRun = try text(logs + "/client.out.txt")
        #expect(
            lastRun.contains("run 2 of handshake as quic-go") || lastRun.contains("run 3 of handshake as quic-go"),
            "\(lastRun)")
        #expect(!FileManager.default.fileExists(atPath: logs + "/attempt-2"))

        let failingOut = matrix.output("failing")
        let failingSpec = try matrix.spec(
            servers: ["corrupt-server"], clients: ["quic-go"], tests: ["handshake"], output: failingOut, jobs: 2,
            extra: "retries: 2")
        let failing = try await RunnerProcess.run(["--spec", failingSpec], folder: matrix.io)
        #expect(failing.status == 1, "\(failing.stderr)")
        let failed = try #require(try extensionJobs(failingOut)["corrupt-server_quic-go/handshake"])
        #expect(failed["status"] as? String == "failed" && failed["flaky"] as? Bool == false)
        #expect((failed["attempts"] as? [[String: Any]])?.map { $0["number"] as? Int } == [1, 2])
        let failedLogs = failingOut + "/logs/corrupt-server_quic-go/handshake"
        for folder in [failedLogs + "/attempt-1", failedLogs + "/attempt-2", failedLogs] {
            #expect(try text(folder + "/output.txt").contains("status: failed"), "\(folder)")
        }
        let failedCase = try #require(testcase(try text(failingOut + "/junit.xml"), "handshake"))
        #expect(failedCase.components(separatedBy: "<rerunFailure ").count == 3 && failedCase.contains("<failure "))
        #expect(try text(failingOut + "/summary.md").contains("**failed** (all 3 runs)"))
    }

    /// A run killed with SIGKILL continues with `--resume`: the jobs it finished keep their journal lines byte for
    /// byte and do not run again, the others run, and the result set is an uninterrupted run's. A journal of
    /// another matrix is refused, naming the difference.
    @Test(.enabled(if: EndToEnd.canRunEndpoints), .timeLimit(.minutes(4)))
    func resumeAfterSIGKILLCompletesTheRun() async throws {
        let matrix = try Matrix("resume")
        defer { matrix.remove() }
        let output = matrix.output("out")
        let clients = ["quic-go", "aioquic", "qh3"]
        // No seed: the resumed run takes the killed run's from its journal.
        let spec = try matrix.spec(
            servers: ["quic-go"], clients: clients, tests: ["handshake", "transfer"], output: output, jobs: 1,
            seed: nil)
        let runner = try RunnerProcess(["--spec", spec], folder: matrix.io)
        let journal = output + "/journal.jsonl"
        let twoFinished = try await eventually(within: .seconds(90)) {
            ((try? Journal.read(path: journal))?.count ?? 0) >= 2
        }
        #expect(twoFinished, "\(runner.stderrSoFar)")
        runner.send(SIGKILL)
        _ = try await runner.wait(limit: .seconds(10))
        let killed = try Journal.load(path: journal)
        #expect(killed.results.count >= 2 && killed.results.count < 6, "the run was not killed mid-way")
        let kept = try Data(contentsOf: URL(fileURLWithPath: journal)).prefix(killed.completeLength)

        let otherSpec = try matrix.spec(
            servers: ["quic-go"], clients: clients, tests: ["handshake"], output: output, jobs: 1, seed: nil)
        let refused = try await RunnerProcess.run(["--spec", otherSpec, "--resume", output], folder: matrix.io)
        #expect(refused.status == 2)
        #expect(
            refused.stderr.contains(
                "it records another run; tests: handshake (60 s), transfer (60 s) in the journal, handshake (60 s) in this run"
            ),
            "\(refused.stderr)")

        let resumed = try await RunnerProcess.run(["--spec", spec, "--resume", output], folder: matrix.io)
        #expect(resumed.status == 0, "\(resumed.stderr)")
        let after = try Data(contentsOf: URL(fileURLWithPath: journal))
        #expect(after.prefix(kept.count) == kept, "the finished jobs' lines are kept byte for byte")
        let results = try Journal.read(path: journal)
        #expect(results.count == 6 && Set(results.map(\.id)).count == 6)
        #expect(Array(results.prefix(killed.results.count)) == killed.results)
        #expect(resumed.stderr.contains("(\(killed.results.count) finished before)"), "\(resumed.stderr)")
        #expect(FileManager.default.fileExists(atPath: output + "/index.html"))

        let fresh = matrix.output("fresh")
        let whole = try await RunnerProcess.run(
            ["--spec", spec, "--output-dir", fresh, "--seed", "\(killed.header.seed)"], folder: matrix.io)
        #expect(whole.status == 0, "\(whole.stderr)")
        let statuses = { (path: String) throws -> [String: String] in
            try extensionJobs(path).mapValues { $0["status"] as? String ?? "" }
        }
        #expect(try statuses(output) == statuses(fresh))
        #expect(try extensionJobs(output).keys.sorted() == extensionJobs(fresh).keys.sorted())
    }

    /// A job cut short by SIGTERM did not finish: the interrupted run leaves it out of its journal (its reports show
    /// it as not run), and the resumed run runs it.
    @Test(.enabled(if: EndToEnd.canRunEndpoints), .timeLimit(.minutes(2)))
    func aJobCutShortBySIGTERMRunsAgainWhenResumed() async throws {
        let matrix = try Matrix("resume-sigterm")
        defer { matrix.remove() }
        let output = matrix.output("out")
        let spec = try matrix.spec(
            servers: ["quic-go"], clients: ["quic-go", "hang"], tests: ["handshake"], output: output, jobs: 1,
            extra: "timeouts:\n  handshake: 8")
        let runner = try RunnerProcess(["--spec", spec], folder: matrix.io)
        let hanging = try await eventually(within: .seconds(60)) {
            !EndToEnd.processes(containing: "qir-e2e-hang-child").isEmpty
        }
        #expect(hanging, "\(runner.stderrSoFar)")
        runner.send(SIGTERM)
        let interrupted = try await runner.wait(limit: .seconds(30))
        #expect(interrupted.status == 2, "\(interrupted.stderr)")
        let hang = JobID(server: "quic-go", client: "hang", test: "handshake")
        #expect(
            try Journal.read(path: output + "/journal.jsonl").map(\.id) == [
                JobID(server: "quic-go", client: "quic-go", test: "handshake")
            ])
        #expect(try text(output + "/summary.md").contains("1 not run"))

        let resumed = try await RunnerProcess.run(["--spec", spec, "--resume", output], folder: matrix.io)
        #expect(resumed.status == 1, "\(resumed.stderr)")
        let results = try matrix.journal(of: output)
        #expect(results.count == 2 && results[hang]?.status == .timeout, "\(results)")
    }

    /// A deadline that leaves room for one job: it starts (a client that hangs until its 3 s timeout), the three
    /// after it would end past the deadline and never start; they show as skipped in JUnit and not run elsewhere;
    /// every report and the archive are written; exit 2, though the job that ran failed.
    @Test(.enabled(if: EndToEnd.canRunEndpoints), .timeLimit(.minutes(2)))
    func theDeadlineWritesEveryReportWithTheUnstartedJobsSkipped() async throws {
        let matrix = try Matrix("deadline")
        defer { matrix.remove() }
        let output = matrix.output("out")
        let spec = try matrix.spec(
            servers: ["quic-go"], clients: ["hang", "quic-go", "aioquic", "qh3"], tests: ["handshake"],
            output: output, jobs: 1, extra: "timeouts:\n  handshake: 3\ndeadline: 5s")
        let ending = try await RunnerProcess.run(["--spec", spec], folder: matrix.io)
        #expect(ending.status == 2, "\(ending.stderr)")
        #expect(
            ending.stderr.contains("the run is incomplete: the deadline of 5s came first: 3 of 4 jobs did not run"),
            "\(ending.stderr)")
        for report in ["result.json", "junit.xml", "index.html", "summary.md", "logs.zip"] {
            #expect(FileManager.default.fileExists(atPath: output + "/" + report), "\(report)")
        }
        #expect(try extensionJobs(output).keys.sorted() == ["quic-go_hang/handshake"])
        let junit = try text(output + "/junit.xml")
        let skipped = junit.components(separatedBy: "<skipped message=\"not run: the deadline of 5s came first").count
        #expect(skipped - 1 == 3, "\(junit)")
        let summary = try text(output + "/summary.md")
        #expect(summary.contains("1 timeout, 3 not run"), "\(summary)")
        #expect(summary.contains("**Incomplete:** the deadline of 5s came first: 3 of 4 jobs did not run."))
        #expect(try text(output + "/result.json").components(separatedBy: #""result": null"#).count - 1 == 3)
    }

    /// `--keep-traces`: `failed` keeps the pcaps, key logs and qlogs of the failed job only, `all` of both jobs,
    /// `none` of neither; the log tree and the archive agree, and every job keeps its output.
    @Test(
        .enabled(if: EndToEnd.canRunEndpoints), .timeLimit(.minutes(3)),
        arguments: [TracePolicy.failed, .all, .never])
    func keepTraces(policy: TracePolicy) async throws {
        let matrix = try Matrix("traces-\(policy.rawValue)")
        defer { matrix.remove() }
        let output = matrix.output("out")
        let spec = try matrix.spec(
            servers: ["quic-go", "corrupt-server"], clients: ["quic-go"], tests: ["handshake"], output: output, jobs: 2)
        let ending = try await RunnerProcess.run(
            ["--spec", spec, "--keep-traces", policy.rawValue], folder: matrix.io)
        #expect(ending.status == 1, "\(ending.stderr)")
        let listing = try await RunnerProcess.archiveEntries(output + "/logs.zip")
        for (job, succeeded) in [("quic-go_quic-go/handshake", true), ("corrupt-server_quic-go/handshake", false)] {
            let folder = output + "/logs/" + job
            let traces = [
                "sim/trace_node_left.pcap", "sim/trace_node_right.pcap", "client/keys.log", "server/keys.log",
            ]
            let keeps = policy == .all || (policy == .failed && !succeeded)
            for trace in traces {
                #expect(FileManager.default.fileExists(atPath: folder + "/" + trace) == keeps, "\(job) \(trace)")
                #expect(listing.contains(job + "/" + trace) == keeps, "\(job) \(trace) in the archive")
            }
            let qlogs = listing.filter { $0.hasPrefix(job + "/") && ($0.hasSuffix("qlog") || $0.contains("/qlog/")) }
            if !keeps { #expect(qlogs.isEmpty, "\(qlogs)") }
            for kept in ["output.txt", "client.out.txt", "server.out.txt"] {
                #expect(listing.contains(job + "/" + kept), "\(job) \(kept)")
            }
        }
        #expect(try text(output + "/summary.md").contains("Logs: `logs.zip`, "))
    }

    /// The shards of a matrix, each run for real, hold exactly their part; merged they are the whole matrix. A merge
    /// without every shard is refused and writes nothing.
    @Test(.enabled(if: EndToEnd.canRunEndpoints), .timeLimit(.minutes(3)))
    func realShardsMergeIntoTheWholeMatrix() async throws {
        let matrix = try Matrix("shards")
        defer { matrix.remove() }
        let spec = try matrix.spec(
            servers: ["quic-go", "aioquic"], clients: ["quic-go", "aioquic"], tests: ["handshake"],
            output: matrix.output("unused"), jobs: 2)
        var jobs: [Set<JobID>] = []
        for index in 1...2 {
            let output = matrix.output("shard\(index)")
            let ending = try await RunnerProcess.run(
                ["--spec", spec, "--shard", "\(index)/2", "--output-dir", output], folder: matrix.io)
            #expect(ending.status == 0, "\(ending.stderr)")
            #expect(ending.stdout.contains("shard \(index)/2: "), "\(ending.stdout)")
            let manifest = try ShardManifest.read(from: output)
            let journal = try Journal.read(path: output + "/journal.jsonl")
            #expect(Set(journal.map(\.id)) == Set(manifest.jobs))
            #expect(!FileManager.default.fileExists(atPath: output + "/result.json"), "a shard leaves reports to merge")
            jobs.append(Set(manifest.jobs))
        }
        #expect(jobs[0].isDisjoint(with: jobs[1]) && jobs[0].union(jobs[1]).count == 4)

        let lonely = matrix.output("lonely")
        let refused = try await RunnerProcess.run(
            ["merge", matrix.output("shard1"), "--output-dir", lonely], folder: matrix.io)
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("missing shard 2 of 2"), "\(refused.stderr)")
        #expect(!FileManager.default.fileExists(atPath: lonely))

        let merged = matrix.output("merged")
        // What the merge is judged on here is the merge, not the jobs' verdicts (a busy machine may fail one).
        let ending = try await RunnerProcess.run(
            ["merge", matrix.output("shard2"), matrix.output("shard1"), "--output-dir", merged, "--fail-on", "never"],
            folder: matrix.io)
        #expect(ending.status == 0, "\(ending.stderr)")
        #expect(try extensionJobs(merged).count == 4)
        for job in jobs[0].union(jobs[1]) {
            #expect(FileManager.default.fileExists(atPath: merged + "/logs/" + job.logPath + "/output.txt"))
        }

        // The merge gates itself against a baseline (here the first merge: no regressions) and writes diff.md.
        let gated = matrix.output("gated")
        let gating = try await RunnerProcess.run(
            [
                "merge", matrix.output("shard1"), matrix.output("shard2"), "--output-dir", gated, "--baseline",
                merged + "/result.json", "--fail-on", "regressions",
            ], folder: matrix.io)
        #expect(gating.status == 0, "\(gating.stderr)")
        #expect(gating.stdout.contains("gate: passed (--fail-on regressions)"), "\(gating.stdout)")
        #expect(FileManager.default.fileExists(atPath: gated + "/diff.md"))
    }

    /// The same job results fed both ways, a single run and its shards merged, give the same reports byte for byte
    /// (auto-unsupported over the whole matrix once) and an archive of the same files.
    @Test(.enabled(if: EndToEnd.canRunEndpoints), .timeLimit(.minutes(3)))
    func aMergeOfShardsEqualsTheSingleRun() async throws {
        let matrix = try Matrix("merge-equals")
        defer { matrix.remove() }
        let single = matrix.output("single")
        let merged = matrix.output("merged")
        for folder in [single, merged] {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        }
        let spec = try matrix.spec(
            servers: ["quic-go", "corrupt-server"], clients: ["quic-go", "aioquic", "unsupported"],
            tests: ["handshake"], output: "out", jobs: 3, autoUnsupported: true)
        let run = try await RunnerProcess.run(["--spec", spec], folder: matrix.io, directory: single)
        #expect(run.status == 0, "auto-unsupported leaves no failure: \(run.stderr)")
        let result = try text(single + "/out/result.json")
        #expect(result.contains("Server corrupt-server failed or did not support test handshake"))

        let configuration = try RunConfiguration.resolve(
            options: RunOptions(), specFile: spec,
            environment: RunConfiguration.Environment(
                defaultRegistries: { _ in [] }, menu: { TestMenu(catalogFor: $0) }, cores: 2, now: Date(),
                randomSeed: { 1 }))
        let recorded = try Journal.load(path: single + "/out/journal.jsonl")
        // Foundation's JSONSerialization rounds some doubles; Double(String) does not.
        let endText = try #require(result.firstMatch(of: /"end_time": ([0-9.]+)/)?.output.1)
        let end = try #require(Double(endText))
        let partition = ShardPartition(Plan(configuration), count: 3)
        var shards: [String] = []
        for index in 1...3 {
            let selector = try #require(ShardSelector(index: index, count: 3))
            let ids = partition.jobs(of: selector)
            let folder = matrix.output("shard\(index)")
            try FileManager.default.createDirectory(atPath: folder + "/logs", withIntermediateDirectories: true)
            var header = recorded.header
            header.shard = selector
            let journal = try Journal(path: folder + "/journal.jsonl", header: header)
            for job in recorded.results where ids.contains(job.id) { try journal.append(job) }
            try ShardManifest(
                shard: selector, jobs: Plan(configuration).allJobs.map(\.id).filter(ids.contains),
                end: Date(timeIntervalSince1970: end)
            ).write(into: folder)
            // As the shard's own run would leave it: a pair's folder for each job, the job's folder unless the job
            // was unsupported (upstream removes those).
            for id in ids {
                try FileManager.default.createDirectory(
                    atPath: folder + "/logs/" + (id.logPath as NSString).deletingLastPathComponent,
                    withIntermediateDirectories: true)
                guard FileManager.default.fileExists(atPath: single + "/out/logs/" + id.logPath) else { continue }
                try FileManager.default.copyItem(
                    atPath: single + "/out/logs/" + id.logPath, toPath: folder + "/logs/" + id.logPath)
            }
            shards.append(folder)
        }
        let merge = try await RunnerProcess.run(
            ["merge"] + shards + ["--output-dir", "out"], folder: matrix.io, directory: merged)
        #expect(merge.status == 0, "\(merge.stderr)")
        for report in ["result.json", "junit.xml", "index.html", "summary.md"] {
            let (mergedText, singleText) = (try text(merged + "/out/" + report), try text(single + "/out/" + report))
            let same = zip(mergedText, singleText).prefix { $0 == $1 }.count
            #expect(
                mergedText == singleText,
                "\(report) differs at \(same): \(mergedText.dropFirst(max(0, same - 80)).prefix(160)) / \(singleText.dropFirst(max(0, same - 80)).prefix(160))"
            )
        }
        #expect(
            try await RunnerProcess.archiveContents(merged + "/out/logs.zip")
                == RunnerProcess.archiveContents(single + "/out/logs.zip"))
    }
}
