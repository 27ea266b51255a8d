import Foundation
import Results
import Testing

/// Runs and helpers shared by the reporter tests.
enum Fixtures {
    /// The opening tags in `dom` (a page as Chromium dumps it) that contain `marker`.
    static func tags(_ dom: String, containing marker: String) -> [String] {
        dom.components(separatedBy: "<").compactMap { piece in
            guard let end = piece.firstIndex(of: ">") else { return nil }
            let tag = String(piece[..<end])
            return tag.contains(marker) ? tag : nil
        }
    }

    static let start = Date(timeIntervalSince1970: 1_764_000_000.25)

    static let tests = [
        TestDescriptor(
            name: "handshake", abbreviation: "H", description: "Handshake completes successfully.", isMeasurement: false
        ),
        TestDescriptor(
            name: "transfer", abbreviation: "DC", description: "Stream data is being sent and received correctly.",
            isMeasurement: false),
        TestDescriptor(name: "retry", abbreviation: "S", description: "Server sends a Retry.", isMeasurement: false),
        TestDescriptor(
            name: "resumption", abbreviation: "R",
            description: "Connection is established using TLS session resumption.", isMeasurement: false),
    ]

    static let measurements = [
        TestDescriptor(
            name: "goodput", abbreviation: "G", description: "Measures connection goodput over a 10Mbps link.",
            isMeasurement: true, unit: "kbps"),
        TestDescriptor(
            name: "crosstraffic", abbreviation: "C", description: "Measures goodput with cross traffic.",
            isMeasurement: true, unit: "kbps"),
    ]

    private static func job(
        _ server: String, _ client: String, _ test: String, _ status: JobStatus, _ reason: String? = nil,
        repetition: Int? = nil, value: Double? = nil, offset: Double, duration: Double
    ) -> JobResult {
        JobResult(
            id: JobID(server: server, client: client, test: test, repetition: repetition), status: status,
            reason: reason,
            start: start.addingTimeInterval(offset), duration: duration, value: value, seed: 1_000 + UInt64(offset * 4)
        )
    }

    /// Two servers, two clients, four tests and two measurements: every status, a test that did not run, reasons with
    /// non-ASCII text, ANSI colours and control characters, a measurement with a failed repetition.
    static var sample: RunResult {
        var jobs: [JobResult] = [
            job("quic-go", "quic-go", "handshake", .succeeded, offset: 0, duration: 1.5),
            job("quic-go", "quic-go", "transfer", .succeeded, offset: 1, duration: 2.25),
            job("quic-go", "quic-go", "retry", .succeeded, offset: 2, duration: 1.125),
            job("quic-go", "quic-go", "resumption", .unsupported, "client exited with 127", offset: 3, duration: 0.5),
            job("quic-go", "lsquic", "handshake", .succeeded, offset: 4, duration: 1.0004),
            job(
                "quic-go", "lsquic", "transfer", .failed, "expected 3 files, got 2 — “missing” café 🙂", offset: 5,
                duration: 3.0),
            job("quic-go", "lsquic", "retry", .timeout, "timed out after 60 s", offset: 6, duration: 60.0),
            job("ngtcp2", "quic-go", "handshake", .succeeded, offset: 7, duration: 0.75),
            job(
                "ngtcp2", "quic-go", "transfer", .error,
                "runner: \u{1B}[31mcannot create namespace\u{1B}[0m\u{07}\ttab", offset: 8, duration: 0.1),
            job(
                "ngtcp2", "quic-go", "retry", .failed, "line one\nline two with <xml> & \"quotes\"", offset: 9,
                duration: 2.0),
            job("ngtcp2", "quic-go", "resumption", .succeeded, offset: 10, duration: 1.0),
            job("ngtcp2", "lsquic", "handshake", .unsupported, offset: 11, duration: 0.25),
            job("ngtcp2", "lsquic", "transfer", .succeeded, offset: 12, duration: 1.0),
            job("ngtcp2", "lsquic", "retry", .succeeded, offset: 13, duration: 1.0),
            job("ngtcp2", "lsquic", "resumption", .succeeded, offset: 14, duration: 1.0),
        ]
        // What the runner records for a failure: the endpoints' last lines and the job's files.
        for position in jobs.indices where jobs[position].id.test == "transfer" && jobs[position].status == .failed {
            jobs[position].evidence = JobEvidence(
                serverOutput: "serving 3 files\ndone", clientOutput: "downloaded 2 of 3 files\nerror: stream reset",
                files: ["output.txt", "server.out.txt", "client.out.txt", "sim/trace_node_left.pcap"].map {
                    "quic-go_lsquic/transfer/\($0)"
                })
        }
        for (server, client, values) in [
            ("quic-go", "quic-go", [9000.0, 9500, 10000]), ("ngtcp2", "lsquic", [8000.5, 8100, 8200]),
        ] {
            for (position, value) in values.enumerated() {
                jobs.append(
                    job(
                        server, client, "goodput", .succeeded, repetition: position + 1, value: value,
                        offset: 20 + Double(position), duration: 12.5))
            }
        }
        jobs.append(
            job("ngtcp2", "quic-go", "goodput", .succeeded, repetition: 1, value: 7000, offset: 30, duration: 12))
        jobs.append(
            job(
                "ngtcp2", "quic-go", "goodput", .failed, "goodput check: 2 files missing", repetition: 2, offset: 31,
                duration: 13))
        jobs.append(job("quic-go", "lsquic", "crosstraffic", .unsupported, repetition: 1, offset: 32, duration: 0.5))
        return RunResult(
            protocolKind: .quic, runnerVersion: "0.1.0-test", start: start, end: start.addingTimeInterval(3_723.5),
            seed: 42,
            logDir: "logs", servers: ["quic-go", "ngtcp2"], clients: ["quic-go", "lsquic"],
            implementations: [
                "quic-go": Implementation(
                    name: "quic-go", image: "martenseemann/quic-go-interop:latest",
                    url: "https://github.com/quic-go/quic-go", role: .both, version: "v0.48.2"),
                "ngtcp2": Implementation(
                    name: "ngtcp2", image: "ghcr.io/ngtcp2/ngtcp2-interop:latest",
                    url: "https://github.com/ngtcp2/ngtcp2", role: .server),
                "lsquic": Implementation(
                    name: "lsquic", url: "https://github.com/litespeedtech/lsquic", role: .client,
                    command: "/opt/interop/lsquic/run_endpoint", version: "4.0.12"),
            ],
            tests: tests, measurements: measurements, jobs: jobs
        )
    }

    /// The sample run with retries, a deadline and an archive: quic-go × quic-go `handshake` succeeded on its second
    /// run (flaky), quic-go × lsquic `retry` timed out on its third after a failure and a timeout; traces kept for
    /// the jobs that did not succeed; the test case that did not run left out by the deadline.
    static var retried: RunResult {
        var run = sample
        func attempt(_ number: Int, _ status: JobStatus, _ reason: String, offset: Double) -> JobAttempt {
            JobAttempt(
                number: number, status: status, reason: reason, start: start.addingTimeInterval(offset),
                duration: status == .timeout ? 60 : 2, seed: 500 + UInt64(number))
        }
        for index in run.jobs.indices {
            switch run.jobs[index].id.logPath {
            case "quic-go_quic-go/handshake":
                run.jobs[index].attempts = [attempt(1, .failed, "client exited with code 1", offset: 40)]
            case "quic-go_lsquic/retry":
                run.jobs[index].attempts = [
                    attempt(1, .failed, "expected a Retry, saw none", offset: 41),
                    attempt(2, .timeout, "the job took longer than its timeout of 60 s", offset: 43),
                ]
            default:
                break
            }
        }
        run.traces = .failed
        run.archive = ArchiveSummary(path: "out/logs.zip", bytes: 42_149_999)
        run.incompleteReason = "the deadline of 45m came first: 1 of 28 jobs did not run"
        return run
    }

    /// Names and reasons an attacker controls: markup, script, quotes and URL syntax.
    static let hostileName = "<script>alert(1)</script>"
    static let hostileReason = "</script><script>document.title='pwned'</script><img src=x onerror=alert(2)> & \"'"

    static var hostile: RunResult {
        var run = sample
        run.servers[1] = hostileName
        run.implementations[hostileName] = Implementation(name: hostileName, url: "javascript:alert(3)", role: .server)
        run.jobs = run.jobs.map { job in
            var job = job
            if job.id.server == "ngtcp2" { job.id.server = hostileName }
            if job.reason != nil { job.reason = hostileReason }
            return job
        }
        return run
    }

    /// Markdown with its fenced code blocks and code spans removed: what a renderer would read as markup.
    static func markdownOutsideCode(_ markdown: String) -> String {
        var out: [Substring] = []
        var fence: String?
        for line in markdown.split(separator: "\n", omittingEmptySubsequences: false) {
            let trimmed = line.drop { $0 == " " }
            if let open = fence {
                if trimmed.hasPrefix(open) && trimmed.allSatisfy({ $0 == "`" }) { fence = nil }
                continue
            }
            if trimmed.hasPrefix("```") {
                fence = String(trimmed.prefix { $0 == "`" })
                continue
            }
            // Code spans: text between unescaped backticks.
            var kept = ""
            var inSpan = false
            var previous: Character = " "
            for character in line {
                if character == "`" && previous != "\\" {
                    inSpan.toggle()
                } else if !inSpan {
                    kept.append(character)
                }
                previous = character
            }
            out.append(Substring(kept))
        }
        return out.joined(separator: "\n")
    }

    // MARK: Environment

    /// The repository root (this file is Tests/ReportersTests/Fixtures.swift).
    static let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// `shared/schemas/junit-10.xsd` beside the repository, as CI lays it out; `INTEROP_SHARED_DIR` points
    /// elsewhere on a developer machine whose checkout has no `shared/` beside it.
    static var junitSchema: URL {
        let shared =
            ProcessInfo.processInfo.environment["INTEROP_SHARED_DIR"].map { URL(fileURLWithPath: $0) }
            ?? repositoryRoot.deletingLastPathComponent().appendingPathComponent("shared")
        return shared.appendingPathComponent("schemas/junit-10.xsd")
    }

    /// The project's PyPI venv (`ci/setup.sh`): `$INTEROP_PREFIX/venv`.
    static var venvPython: String {
        let prefix = ProcessInfo.processInfo.environment["INTEROP_PREFIX"] ?? "/opt/interop-runner"
        return prefix + "/venv/bin/python3"
    }

    /// A fresh directory, removed by the caller.
    static func temporaryDirectory(_ label: String) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent(
            "reporters-\(label)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// The result of running a program to completion.
    struct Output {
        var status: Int32
        var stdout: Data
        var stderr: String
        var text: String { String(decoding: stdout, as: UTF8.self) }
    }

    /// Runs `executable` with `arguments`, feeding `input` on standard input.
    static func run(_ executable: String, _ arguments: [String], input: Data = Data()) throws -> Output {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let stdin = Pipe()
        let stdout = Pipe()
        let stderr = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        // Read stderr and write stdin beside the stdout read, so a large output cannot dead-lock the child.
        nonisolated(unsafe) var errorData = Data()
        let group = DispatchGroup()
        DispatchQueue.global().async(group: group) { errorData = stderr.fileHandleForReading.readDataToEndOfFile() }
        DispatchQueue.global().async(group: group) {
            stdin.fileHandleForWriting.write(input)
            try? stdin.fileHandleForWriting.close()
        }
        let outData = stdout.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        group.wait()
        return Output(
            status: process.terminationStatus, stdout: outData, stderr: String(decoding: errorData, as: UTF8.self))
    }

    /// Runs a Python script with `python` (the system's by default), `input` on standard input.
    static func python(_ script: String, input: Data = Data(), python: String = "/usr/bin/python3") throws -> Output {
        try run(python, ["-c", script], input: input)
    }

    /// Fails the test (never skips) when `path` is missing: a missing tool on CI is a broken set-up.
    static func requireFile(_ path: String, _ why: String) -> Bool {
        if FileManager.default.fileExists(atPath: path) { return true }
        Issue.record("\(path) is missing: \(why)")
        return false
    }
}
