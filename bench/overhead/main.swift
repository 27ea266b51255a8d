// Runner overhead per job and the pool's speed-up, on the local implementations (root; `bash ci/setup.sh` first).
//
// Every endpoint runs through a generated wrapper (BenchSupport's EndpointTiming) that records, in the job's own /logs,
// when the real adapter started and when it ended. A job's endpoint time is the span from the first start to the last
// end of its server and client; everything else of the job's wall time (workspace,
// certificates, namespaces, simulator, waiting for the server's port, stopping the server, checks, teardown, and
// the compliance checks of the run's first jobs) is the runner's overhead.
//
// The same handshake-only matrix (every local implementation as server and client) runs with --jobs 1 and then with
// --jobs 4, each in a fresh run environment; the speed-up is the ratio of their wall times, and the verdicts of the
// two runs are compared job by job. Overhead figures come from the --jobs 1 run, where jobs do not compete for cores.
//
// Usage: bench-overhead [repository root]. The last line of output is one JSON object.
import Batch
import BenchSupport
import Foundation
import Logging
import Orchestration
import Results

/// The repository whose `ci/endpoints` adapters are measured: the argument, or the one this file was built from.
let repository: String = {
    if CommandLine.arguments.count > 1 { return CommandLine.arguments[1] }
    var url = URL(fileURLWithPath: #filePath)
    for _ in 0..<3 { url.deleteLastPathComponent() }
    return url.path
}()

/// Every local implementation, in the order of `Registries/implementations_quic_local.json`: the plan follows the
/// registry's order, as upstream's does, and the order decides which job runs when.
let implementations = try Registry.load([repository + "/Registries/implementations_quic_local.json"]).names

/// One run of the matrix: its wall time and results.
struct Measured {
    var wall: Double
    var results: [JobResult]
    var logDir: String
}

func runMatrix(jobs: Int, registry: String, scratch: String, logger: Logger) async throws -> Measured {
    var options = RunOptions()
    options.registries = [registry]
    options.tests = "handshake"
    options.jobs = jobs
    options.seed = 1
    options.noAutoUnsupported = implementations.joined(separator: ",")
    options.outputDir = scratch + "/jobs\(jobs)"
    let (batch, configuration) = try benchBatch(options, runnerVersion: "bench-overhead")
    let clock = ContinuousClock()
    let began = clock.now
    let outcome = try await withRunEnvironment(images: batch.images, logger: logger) { environment in
        try await batch.run(in: environment, logger: logger)
    }
    let elapsed = clock.now - began
    let wall = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    return Measured(wall: wall, results: outcome.result.jobs, logDir: configuration.output.logDir)
}

let logger = Logger(label: "bench-overhead") { _ in SwiftLogNoOpLogHandler() }
let scratch = NSTemporaryDirectory() + "qir-bench-overhead-\(getpid())"
try FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true)
defer { try? FileManager.default.removeItem(atPath: scratch) }

// Written by hand so the entries keep the local registry's order.
var entries: [String] = []
let wrappers = try EndpointTiming.localWrappers(for: implementations, repository: repository, bench: "bench-overhead")
defer { wrappers.remove() }
for name in implementations {
    let path = wrappers.paths[name] ?? ""
    entries.append(
        "\"\(name)\": {\"url\": \"https://example.invalid/\(name)\", \"role\": \"both\", \"command\": \"\(path)\"}")
}
let registryPath = scratch + "/registry.json"
try ("{\n" + entries.joined(separator: ",\n") + "\n}\n").write(toFile: registryPath, atomically: true, encoding: .utf8)

let serial = try await runMatrix(jobs: 1, registry: registryPath, scratch: scratch, logger: logger)
let parallel = try await runMatrix(jobs: 4, registry: registryPath, scratch: scratch, logger: logger)

var overheads: [Double] = []
var before: [Double] = []
var after: [Double] = []
var endpointTimes: [Double] = []
for result in serial.results {
    guard let span = EndpointTiming.span(logDir: serial.logDir + "/" + result.id.logPath) else { continue }
    let jobStart = result.start.timeIntervalSince1970
    let jobEnd = jobStart + result.duration
    endpointTimes.append((span.end - span.start) * 1000)
    overheads.append((result.duration - (span.end - span.start)) * 1000)
    before.append((span.start - jobStart) * 1000)
    after.append((jobEnd - span.end) * 1000)
    print(
        "\(result.id): \(result.status.rawValue), job \(format(result.duration * 1000)) ms, endpoints "
            + "\(format((span.end - span.start) * 1000)) ms, before \(format((span.start - jobStart) * 1000)) ms, "
            + "after \(format((jobEnd - span.end) * 1000)) ms")
}

if let first = parallel.results.map(\.start).min() {
    for result in parallel.results.sorted(by: { $0.start < $1.start }) {
        let offset = result.start.timeIntervalSince(first)
        print(
            "--jobs 4: \(result.id) starts at \(format(offset * 1000)) ms, ends at "
                + "\(format((offset + result.duration) * 1000)) ms: \(result.status.rawValue)")
    }
}

func verdicts(_ run: Measured) -> [JobID: JobStatus] {
    Dictionary(run.results.map { ($0.id, $0.status) }, uniquingKeysWith: { first, _ in first })
}
let identical = verdicts(serial) == verdicts(parallel)
var counts: [String: Int] = [:]
for result in serial.results { counts[result.status.rawValue, default: 0] += 1 }
for (id, status) in verdicts(serial) where verdicts(parallel)[id] != status {
    print(
        "verdict differs: \(id) \(status.rawValue) with --jobs 1, \(verdicts(parallel)[id]?.rawValue ?? "none") with --jobs 4"
    )
}
/// The sum of a run's job durations: over the run's wall time, how many jobs ran at once on average.
func jobSeconds(_ run: Measured) -> Double { run.results.reduce(0) { $0 + $1.duration } }
let longest = parallel.results.map(\.duration).max() ?? 0
let countsJSON = counts.sorted { $0.key < $1.key }.map { "\"\($0.key)\":\($0.value)" }.joined(separator: ",")
print(
    "{\"overhead_ms_median\":\(format(quantile(overheads, 0.5))),\"overhead_ms_p90\":\(format(quantile(overheads, 0.9))),"
        + "\"before_endpoints_ms_median\":\(format(quantile(before, 0.5))),"
        + "\"after_endpoints_ms_median\":\(format(quantile(after, 0.5))),"
        + "\"endpoints_ms_median\":\(format(quantile(endpointTimes, 0.5))),\"jobs_measured\":\(overheads.count),"
        + "\"jobs\":\(serial.results.count),\"wall_jobs1_s\":\(String(format: "%.2f", serial.wall)),"
        + "\"wall_jobs4_s\":\(String(format: "%.2f", parallel.wall)),"
        + "\"speedup_jobs4_vs_jobs1\":\(String(format: "%.2f", serial.wall / parallel.wall)),"
        + "\"job_s_sum_jobs1\":\(String(format: "%.2f", jobSeconds(serial))),"
        + "\"job_s_sum_jobs4\":\(String(format: "%.2f", jobSeconds(parallel))),"
        + "\"longest_job_jobs4_s\":\(String(format: "%.2f", longest)),"
        + "\"speedup_bound_by_longest_job\":\(String(format: "%.2f", serial.wall / max(longest, 0.001))),"
        + "\"verdicts_identical\":\(identical),\"verdicts_jobs1\":{\(countsJSON)},"
        + "\"implementations\":[\(implementations.map { "\"\($0)\"" }.joined(separator: ","))],"
        + "\"cores\":\(ProcessInfo.processInfo.activeProcessorCount)}")
