// The docker runtime's overhead per job against the process runtime's, on the same handshake matrix, in one run
// (root; `bash ci/setup.sh` and `bash ci/docker/build-images.sh` first).
//
// Every endpoint runs through BenchSupport's timing wrapper: as a local command, the wrapper runs the adapter; as an
// image, an image built here FROM the implementation's local image (interop-bench/<name>:timing) has the wrapper
// around its /run_endpoint.sh as entry point. A job's overhead is its wall time minus its endpoints' span. Both
// runtimes run the handshake matrix of every local implementation (Registries/implementations_quic_local_images.json)
// with --jobs 1, each in a fresh run environment, so the overheads do not compete for cores; their verdicts are
// compared job by job. The docker figure includes what the runtime does per job (holders from the run's pool, the
// containers' creation, start, state and removal) and, in the run's first jobs, the compliance checks and holders.
//
// Usage: bench-docker [repository root]. The last line of output is one JSON object.
import Batch
import BenchSupport
import Foundation
import Logging
import Orchestration
import Results

let repository: String = {
    if CommandLine.arguments.count > 1 { return CommandLine.arguments[1] }
    var url = URL(fileURLWithPath: #filePath)
    for _ in 0..<3 { url.deleteLastPathComponent() }
    return url.path
}()

let images = try Registry.load([repository + "/Registries/implementations_quic_local_images.json"])
let implementations = images.names

/// Runs `docker` with `arguments`; throws when it fails.
func docker(_ arguments: [String]) throws {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["docker"] + arguments
    process.environment = ProcessInfo.processInfo.environment.merging(["DOCKER_BUILDKIT": "0"]) { _, new in new }
    process.standardOutput = FileHandle.nullDevice
    // The legacy builder's deprecation notice is all it prints there; a failure is the status below.
    process.standardError = FileHandle.nullDevice
    try process.run()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else {
        throw CocoaError(.executableLoad, userInfo: [NSLocalizedDescriptionKey: "docker \(arguments.prefix(2))"])
    }
}

let logger = Logger(label: "bench-docker") { _ in SwiftLogNoOpLogHandler() }
let scratch = NSTemporaryDirectory() + "qir-bench-docker-\(getpid())"
try FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true)
defer { try? FileManager.default.removeItem(atPath: scratch) }

var entries: [String] = []
let wrappers = try EndpointTiming.localWrappers(for: implementations, repository: repository, bench: "bench-docker")
defer { wrappers.remove() }
for name in implementations {
    guard let image = images[name]?.image else { continue }
    let wrapper = wrappers.paths[name] ?? ""
    let context = scratch + "/image-\(name)"
    try FileManager.default.createDirectory(atPath: context, withIntermediateDirectories: true)
    try EndpointTiming.wrapper(for: "/run_endpoint.sh").write(
        toFile: context + "/timing.sh", atomically: true, encoding: .utf8)
    chmod(context + "/timing.sh", 0o755)
    try "FROM \(image)\nCOPY timing.sh /timing.sh\nENTRYPOINT [\"/timing.sh\"]\n".write(
        toFile: context + "/Dockerfile", atomically: true, encoding: .utf8)
    let timed = "interop-bench/\(name):timing"
    try docker(["build", "--quiet", "--tag", timed, context])
    entries.append(
        "\"\(name)\": {\"url\": \"https://example.invalid/\(name)\", \"role\": \"both\", \"command\": \"\(wrapper)\", "
            + "\"image\": \"\(timed)\"}")
}
let registryPath = scratch + "/registry.json"
try ("{\n" + entries.joined(separator: ",\n") + "\n}\n").write(toFile: registryPath, atomically: true, encoding: .utf8)

/// One runtime's run of the matrix: per job, its result and overhead.
struct Measured {
    var wall: Double
    var results: [JobResult]
    var overheads: [Double]
    var endpoints: [Double]
}

func runMatrix(_ runtime: Runtime) async throws -> Measured {
    var options = RunOptions()
    options.registries = [registryPath]
    options.tests = "handshake"
    options.jobs = 1
    options.seed = 1
    options.runtime = runtime
    options.noAutoUnsupported = implementations.joined(separator: ",")
    options.outputDir = scratch + "/\(runtime.rawValue)"
    let (batch, configuration) = try benchBatch(options, runnerVersion: "bench-docker")
    let clock = ContinuousClock()
    let began = clock.now
    let outcome = try await withRunEnvironment(images: batch.images, pull: false, logger: logger) { environment in
        try await batch.run(in: environment, logger: logger)
    }
    let elapsed = clock.now - began
    var measured = Measured(
        wall: Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18,
        results: outcome.result.jobs, overheads: [], endpoints: [])
    for result in outcome.result.jobs {
        guard let span = EndpointTiming.span(logDir: configuration.output.logDir + "/" + result.id.logPath) else {
            print("\(runtime.rawValue) \(result.id): \(result.status.rawValue), no endpoint timing")
            continue
        }
        measured.overheads.append((result.duration - (span.end - span.start)) * 1000)
        measured.endpoints.append((span.end - span.start) * 1000)
        print(
            "\(runtime.rawValue) \(result.id): \(result.status.rawValue), job \(format(result.duration * 1000)) ms, "
                + "endpoints \(format((span.end - span.start) * 1000)) ms")
    }
    return measured
}

let process = try await runMatrix(.process)
let containers = try await runMatrix(.docker)
func verdicts(_ run: Measured) -> [JobID: JobStatus] {
    Dictionary(run.results.map { ($0.id, $0.status) }, uniquingKeysWith: { first, _ in first })
}
for (id, status) in verdicts(process) where verdicts(containers)[id] != status {
    print(
        "verdict differs: \(id) \(status.rawValue) as commands, \(verdicts(containers)[id]?.rawValue ?? "none") as images"
    )
}
let processMedian = quantile(process.overheads, 0.5)
let dockerMedian = quantile(containers.overheads, 0.5)
let extra = zip(processMedian.map { [$0] } ?? [], dockerMedian.map { [$0] } ?? []).map { $1 - $0 }.first
print(
    "{\"docker_overhead_ms_median\":\(format(dockerMedian)),\"docker_overhead_ms_p90\":\(format(quantile(containers.overheads, 0.9))),"
        + "\"process_overhead_ms_median\":\(format(processMedian)),\"process_overhead_ms_p90\":\(format(quantile(process.overheads, 0.9))),"
        + "\"docker_extra_ms_median\":\(format(extra)),\"target_docker_extra_ms\":500,"
        + "\"endpoints_ms_median_process\":\(format(quantile(process.endpoints, 0.5))),"
        + "\"endpoints_ms_median_docker\":\(format(quantile(containers.endpoints, 0.5))),"
        + "\"wall_process_s\":\(String(format: "%.2f", process.wall)),\"wall_docker_s\":\(String(format: "%.2f", containers.wall)),"
        + "\"jobs\":\(process.results.count),\"jobs_measured_process\":\(process.overheads.count),"
        + "\"jobs_measured_docker\":\(containers.overheads.count),"
        + "\"verdicts_identical_process_vs_docker\":\(verdicts(process) == verdicts(containers)),"
        + "\"implementations\":[\(implementations.map { "\"\($0)\"" }.joined(separator: ","))],"
        + "\"cores\":\(ProcessInfo.processInfo.activeProcessorCount)}")
