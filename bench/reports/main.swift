// Renders every report of a synthetic 20 servers × 20 clients × 24 tests run (9,600 jobs) and prints the wall time
// and the peak resident memory; the last line is one JSON object. Run with `swift run -c release bench-reports`.
import Foundation
import Reporters
import Results

/// The synthetic run: 22 test cases and 2 measurements of one repetition each, statuses of every kind.
func syntheticRun() -> RunResult {
    var random = SeededGenerator(seed: 42)
    let servers = (1...20).map { "server-\($0)" }
    let clients = (1...20).map { "client-\($0)" }
    var implementations: [String: Implementation] = [:]
    for name in servers {
        implementations[name] = Implementation(
            name: name, image: "example/\(name):latest", url: "https://example.org/\(name)", role: .server,
            version: "1.\(name.count)")
    }
    for name in clients {
        implementations[name] = Implementation(
            name: name, url: "https://example.org/\(name)", role: .client, command: "/opt/\(name)/run_endpoint")
    }
    let tests = (1...22).map {
        TestDescriptor(
            name: "test\($0)", abbreviation: "T\($0)", description: "Synthetic test case number \($0).",
            isMeasurement: false)
    }
    let measurements = ["goodput", "crosstraffic"].enumerated().map {
        TestDescriptor(
            name: $1, abbreviation: $0 == 0 ? "G" : "C", description: "Synthetic measurement \($1).",
            isMeasurement: true, unit: "kbps")
    }
    let start = Date(timeIntervalSince1970: 1_764_000_000.25)
    var jobs: [JobResult] = []
    jobs.reserveCapacity(9_600)
    for server in servers {
        for client in clients {
            for test in tests + measurements {
                let roll = random.next() % 100
                let status: JobStatus =
                    roll < 80
                    ? .succeeded : roll < 90 ? .unsupported : roll < 97 ? .failed : roll < 99 ? .timeout : .error
                let id = JobID(
                    server: server, client: client, test: test.name, repetition: test.isMeasurement ? 1 : nil)
                jobs.append(
                    JobResult(
                        id: id, status: status,
                        reason: status == .succeeded
                            ? nil : "check failed: expected 10 files, got \(random.next() % 10) (\(status.rawValue))",
                        start: start.addingTimeInterval(Double(jobs.count)),
                        duration: Double(random.next() % 30_000) / 1000,
                        value: test.isMeasurement && status == .succeeded ? Double(5_000 + random.next() % 5_000) : nil,
                        seed: random.next()
                    )
                )
            }
        }
    }
    return RunResult(
        protocolKind: .quic, runnerVersion: "bench", start: start, end: start.addingTimeInterval(9_600), seed: 42,
        logDir: "logs", servers: servers, clients: clients, implementations: implementations, tests: tests,
        measurements: measurements, jobs: jobs
    )
}

/// The process's peak resident set size (VmHWM) in MiB.
func peakResidentMiB() -> Double {
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
        let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
        let kib = Double(line.split(separator: " ").dropFirst().first ?? "")
    else { return -1 }
    return kib / 1024
}

let run = syntheticRun()
// BENCH_REPORTS_OUTPUT keeps the reports in that folder for a look; otherwise they go to a removed temporary one.
let kept = ProcessInfo.processInfo.environment["BENCH_REPORTS_OUTPUT"].map { URL(fileURLWithPath: $0) }
let output = kept ?? FileManager.default.temporaryDirectory.appendingPathComponent("bench-reports-\(getpid())")
defer { if kept == nil { try? FileManager.default.removeItem(at: output) } }
let clock = ContinuousClock()
var timings: [(String, Double)] = []
@MainActor func timed<T>(_ name: String, _ body: () throws -> T) rethrows -> T {
    let began = clock.now
    let result = try body()
    let elapsed = clock.now - began
    timings.append((name, Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18))
    return result
}
let began = clock.now
let files = try timed("files") { try renderAll(run, to: output) }
let terminal = timed("terminal") {
    TerminalReport.render(run, style: .table, color: true) + TerminalReport.render(run, style: .markdown)
}
let annotations = timed("annotations") { GitHubActions.annotations(run) }
let total = clock.now - began
// `report --from result.json` starts by reading the file back; timed apart from rendering.
let loaded = try timed("load") { try loadRunResult(from: files.resultJSON) }
precondition(loaded == run, "result.json did not round-trip")
let seconds = Double(total.components.seconds) + Double(total.components.attoseconds) / 1e18
/// The size of a written report in bytes.
func size(_ url: URL) -> Int { (try? FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int) ?? -1 }
let sizes = [
    ("result_json", size(files.resultJSON)), ("junit_xml", size(files.junit)), ("html", size(files.html)),
    ("markdown", size(files.markdown)), ("terminal", terminal.utf8.count),
]
print("jobs \(run.jobs.count), annotations \(annotations.count)")
for (name, bytes) in sizes { print("\(name): \(bytes) bytes") }
for (name, value) in timings { print("\(name): \(String(format: "%.3f", value)) s") }
print(
    "{\"jobs\": \(run.jobs.count), \"seconds\": \(String(format: "%.3f", seconds)), \"peak_rss_mb\": \(String(format: "%.1f", peakResidentMiB())), "
        + "\"load_seconds\": \(String(format: "%.3f", timings.first { $0.0 == "load" }?.1 ?? -1)), "
        + sizes.map { "\"\($0.0)_bytes\": \($0.1)" }.joined(separator: ", ") + "}"
)
