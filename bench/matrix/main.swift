// The main job's QUIC matrix at scale (root; `bash ci/setup.sh` first, and the release `interop-runner`,
// `interop-sim` and `interop-endpoint-exec` built beside this benchmark).
//
// 1. The whole matrix (`ci/matrix-local.yml`, 550 jobs) at default flags: wall time, CPU time (user + sys of the
//    runner and everything it started and waited for), cores busy, the pool's widest point, verdict counts and
//    flaky jobs; the archive of its log tree written again here, timed, and its size.
// 2. A documented subset of the same matrix (every pair, the test cases in `subsetTests`; the whole matrix at
//    `--jobs 2` takes about 30 minutes) run at default flags and at `--jobs 2` in the same run of this benchmark,
//    with the same figures, and the cells whose verdict differs between the two runs and from the whole run,
//    flaky cells set apart.
// 3. The shard partition of the whole matrix for N = 4: the largest shard's expected time over the mean
//    (`shard_imbalance`), and the same with the jobs' measured durations of run 1 (`shard_imbalance_measured`).
//
// Besides the CPU time of the runner's waited-for descendants (`cpu_s`), every run reports the whole machine's busy
// CPU time over it (`machine_cpu_s`, from `/proc/stat`; on a quiet machine that is the run's, including any process
// that left the runner's process tree) and the cores busy in each 15-second slice (`cores_busy_by_15s`), which
// show where the pool left CPU idle.
//
// Usage: bench-matrix [--skip-subset] [--compare RESULT_JSON] [--keep DIR]. With --compare, the cells of run 1
// whose verdict differs from that result.json (another run of the main job) are counted too (and, as
// `cells_differing_observed`, those whose observed verdict, before auto-unsupported, differs); --keep moves run 1's
// output folder (reports, result.json, log tree) to DIR instead of removing it. The last line is one JSON object.
//
// Verdict churn (`Differences`): cells flaky in either run are set apart, as the issue's figure wants, and so are
// cells that only upstream's auto-unsupported rule turned over because a flaky cell of their row or column succeeded
// in one run and not the other (`cells_flipped_by_flaky`); `cells_differing` counts the rest, and
// `cells_differing_final` every cell whose final verdict differs, flaky cells apart. `bench-matrix --diff A B`
// compares two saved result.json files that way and runs nothing.
import Batch
import Foundation
import Reporters
import Results

let repository: String = {
    var url = URL(fileURLWithPath: #filePath)
    for _ in 0..<3 { url.deleteLastPathComponent() }
    return url.path
}()
let arguments = Array(CommandLine.arguments.dropFirst())
let skipSubset = arguments.contains("--skip-subset")
func value(of option: String) -> String? {
    arguments.firstIndex(of: option).flatMap { arguments.indices.contains($0 + 1) ? arguments[$0 + 1] : nil }
}
/// Prints `object` as one line of JSON, keys sorted (the benchmark's last line).
func printJSON(_ object: [String: Any]) throws {
    print(String(decoding: try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]), as: UTF8.self))
}

let reference = value(of: "--compare")
let kept = value(of: "--keep")

if let index = arguments.firstIndex(of: "--diff") {
    let paths = arguments.dropFirst(index + 1).prefix(2)
    guard paths.count == 2 else {
        FileHandle.standardError.write(Data("bench-matrix: --diff needs two result.json files\n".utf8))
        exit(2)
    }
    let runs = try paths.map { try loadRunResult(from: URL(fileURLWithPath: $0)) }
    try printJSON(Differences(runs[0], runs[1]).json.merging(["a": paths.first!, "b": paths.last!]) { _, new in new })
    exit(0)
}

/// The subset's test cases: a plain handshake, a Retry, a transfer under 2 % loss and a handshake over a 1.5 s round
/// trip, 5 × 5 × 4 = 100 jobs (about 6 minutes at `--jobs 2`).
let subsetTests = ["handshake", "retry", "transferloss", "longrtt"]

let products = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().path
let runner = products + "/interop-runner"
let scratch = NSTemporaryDirectory() + "qir-bench-matrix-\(getpid())"
try FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true)
defer { try? FileManager.default.removeItem(atPath: scratch) }

/// User plus system seconds of every child this process has waited for (and their waited-for descendants).
func childrenCPU() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_CHILDREN.rawValue, &usage)
    func seconds(_ time: timeval) -> Double { Double(time.tv_sec) + Double(time.tv_usec) / 1e6 }
    return seconds(usage.ru_utime) + seconds(usage.ru_stime)
}

/// The machine's busy CPU seconds so far (all CPUs, from `/proc/stat`).
func machineCPU() -> Double {
    Double(SystemLoadProbe.cpuTimes()?.busy ?? 0) / Double(sysconf(Int32(_SC_CLK_TCK)))
}

/// Samples the cores busy every 15 seconds until stopped.
final class BusyProfile: @unchecked Sendable {
    private let condition = NSCondition()
    private var slices: [Double] = []
    private var running = true
    private let done = DispatchGroup()

    init() {
        done.enter()
        Thread.detachNewThread { [self] in
            var last = machineCPU()
            var next = Date(timeIntervalSinceNow: 15)
            condition.lock()
            while running {
                // Signalled (or woken early): go on waiting for the same slice's end.
                guard !condition.wait(until: next) else { continue }
                let now = machineCPU()
                slices.append(rounded((now - last) / 15, 2))
                (last, next) = (now, next + 15)
            }
            condition.unlock()
            done.leave()
        }
    }

    /// Stops sampling at once; the cores busy in each whole 15-second slice.
    func stop() -> [Double] {
        condition.lock()
        running = false
        condition.signal()
        condition.unlock()
        done.wait()
        condition.lock()
        defer { condition.unlock() }
        return slices
    }
}

/// One run of the runner: its figures and its result.
struct Measured {
    var label: String
    var wall: Double
    var cpu: Double
    var machineCPU: Double
    var busyBySlice: [Double]
    var result: RunResult
    var output: String
    var exitStatus: Int32
    var peakWidth: Int?

    var json: [String: Any] {
        var tally: [String: Int] = [:]
        for job in result.jobs { tally[job.status.rawValue, default: 0] += 1 }
        var out: [String: Any] = [
            "jobs": result.jobs.count, "wall_s": rounded(wall), "cpu_s": rounded(cpu),
            "cores_busy": rounded(cpu / wall, 2), "machine_cpu_s": rounded(machineCPU),
            "cores_busy_by_15s": busyBySlice,
            "verdicts": tally, "flaky": result.flakyJobs.count,
            "exit_status": Int(exitStatus),
        ]
        if let peakWidth { out["peak_width"] = peakWidth }
        return out
    }
}

func rounded(_ value: Double, _ digits: Int = 1) -> Double {
    let scale = pow(10, Double(digits))
    return (value * scale).rounded() / scale
}

func run(_ label: String, _ extra: [String]) throws -> Measured {
    let output = scratch + "/" + label
    let process = Process()
    process.executableURL = URL(fileURLWithPath: runner)
    process.arguments = ["--spec", repository + "/ci/matrix-local.yml", "--output-dir", output] + extra
    process.currentDirectoryURL = URL(fileURLWithPath: repository)
    let log = scratch + "/\(label).log"
    _ = FileManager.default.createFile(atPath: log, contents: nil)
    process.standardOutput = FileHandle.nullDevice
    process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: log))
    let cpuBefore = childrenCPU()
    let machineBefore = machineCPU()
    let profile = BusyProfile()
    let start = Date()
    try process.run()
    process.waitUntilExit()
    let wall = Date().timeIntervalSince(start)
    let cpu = childrenCPU() - cpuBefore
    let machine = machineCPU() - machineBefore
    let slices = profile.stop()
    let result = try loadRunResult(from: URL(fileURLWithPath: output + "/result.json"))
    let stderr = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
    let peak = stderr.range(of: #"at most [0-9]+ jobs at once"#, options: .regularExpression).flatMap {
        Int(stderr[$0].split(separator: " ")[2])
    }
    FileHandle.standardError.write(Data("\(label): \(Int(wall)) s, exit \(process.terminationStatus)\n".utf8))
    return Measured(
        label: label, wall: wall, cpu: cpu, machineCPU: machine, busyBySlice: slices, result: result, output: output,
        exitStatus: process.terminationStatus, peakWidth: peak)
}

/// How two runs' verdicts differ, over the cells both ran. A cell flaky in either run is counted apart (`flaky`), as
/// is one whose verdict only upstream's auto-unsupported rule turned over because a flaky cell of its row or column
/// succeeded in one run and not in the other (`flippedByFlaky`: the rule makes a server's or client's failures of a
/// test unsupported when none of its partners succeeded, so one flaky cell decides its whole row). `differing` are
/// the others; `final` counts every cell whose final verdict differs, flaky cells apart, and `observed` those whose
/// verdict before auto-unsupported differs.
struct Differences {
    var differing: [String] = []
    var flaky = 0
    var flippedByFlaky: [String] = []
    var compared = 0
    var final = 0
    var observed = 0

    init(_ a: RunResult, _ b: RunResult) {
        let others = Dictionary(b.jobs.map { ($0.id, $0) }, uniquingKeysWith: { _, later in later })
        // The rows (server, test) and columns (client, test) holding a flaky cell in either run.
        let flakyJobs = (a.jobs + b.jobs).filter(\.isFlaky).map(\.id)
        let flakyRows = Set(flakyJobs.map { [$0.server, $0.test] })
        let flakyColumns = Set(flakyJobs.map { [$0.client, $0.test] })
        for job in a.jobs {
            guard let other = others[job.id] else { continue }
            compared += 1
            if job.isFlaky || other.isFlaky {
                flaky += 1
                continue
            }
            if job.observedStatus != other.observedStatus { observed += 1 }
            guard job.status != other.status else { continue }
            final += 1
            let cell = "\(job.id): \(job.status.rawValue) / \(other.status.rawValue)"
            let byTheRule = job.observedStatus == other.observedStatus
            let id = job.id
            if byTheRule, flakyRows.contains([id.server, id.test]) || flakyColumns.contains([id.client, id.test]) {
                flippedByFlaky.append(cell)
            } else {
                differing.append(cell)
            }
        }
    }

    /// The comparison's figures as JSON fields.
    var json: [String: Any] {
        [
            "cells_differing": differing.count, "cells_flaky": flaky, "cells_compared": compared,
            "share_differing": rounded(Double(differing.count) / Double(max(1, compared)), 4),
            "cells_flipped_by_flaky": flippedByFlaky.count, "cells_differing_final": final,
            "cells_differing_observed": observed, "differing": differing, "flipped_by_flaky": flippedByFlaky,
        ]
    }
}

// 1. The whole matrix at default flags.
let whole = try run("default", [])
var report: [String: Any] = ["matrix": whole.json]
report["cpu_floor_s"] = rounded(whole.cpu / Double(ProcessInfo.processInfo.activeProcessorCount))
report["wall_over_cpu_floor"] = rounded(
    whole.wall / (whole.cpu / Double(ProcessInfo.processInfo.activeProcessorCount)), 2)
report["wall_over_machine_cpu_floor"] = rounded(
    whole.wall / (whole.machineCPU / Double(ProcessInfo.processInfo.activeProcessorCount)), 2)

// The archive of the default run's log tree (default --keep-traces), written again and timed.
let archive = URL(fileURLWithPath: scratch + "/again.zip")
let archiveStart = Date()
try LogArchive.create(from: URL(fileURLWithPath: whole.output + "/logs"), to: archive)
report["archive_s"] = rounded(Date().timeIntervalSince(archiveStart), 2)
report["archive_mb"] = rounded(Double(try LogArchive.size(of: archive)) / 1e6)
report["log_tree_mb"] = rounded(
    Double(
        (try FileManager.default.subpathsOfDirectory(atPath: whole.output + "/logs")).reduce(Int64(0)) { sum, path in
            let attributes = try? FileManager.default.attributesOfItem(atPath: whole.output + "/logs/" + path)
            return sum + ((attributes?[.size] as? NSNumber)?.int64Value ?? 0)
        }) / 1e6)

// 3. Shards of the whole matrix.
let spec = try MatrixSpec.load(from: repository + "/ci/matrix-local.yml")
let configuration = try RunConfiguration.resolve(
    options: RunOptions(), spec: spec,
    environment: RunConfiguration.Environment(
        defaultRegistries: { _ in [] }, menu: { TestMenu(catalogFor: $0) }, cores: 2, now: Date(), randomSeed: { 1 }))
let partition = ShardPartition(Plan(configuration), count: 4)
report["shard_imbalance"] = rounded(partition.imbalance, 3)
let durations = Dictionary(
    whole.result.jobs.map { ($0.id, $0.duration + $0.attempts.reduce(0) { $0 + $1.duration }) },
    uniquingKeysWith: { a, _ in a })
var measured = [Double](repeating: 0, count: 4)
for (unit, shard) in partition.assignment.enumerated() {
    for job in partition.units[unit] { measured[shard] += durations[job.id] ?? 0 }
}
let mean = measured.reduce(0, +) / 4
report["shard_imbalance_measured"] = rounded((measured.max() ?? 0) / mean, 3)
report["shard_seconds_measured"] = measured.map { rounded($0) }

// 2. The subset at default flags and at --jobs 2.
if !skipSubset {
    let subset = ["-t", subsetTests.joined(separator: ",")]
    let subsetDefault = try run("subset-default", subset)
    let subsetTwo = try run("subset-jobs2", subset + ["--jobs", "2"])
    let between = Differences(subsetDefault.result, subsetTwo.result)
    let fromWhole = Differences(subsetTwo.result, whole.result)
    report["subset"] = between.json.merging([
        "tests": subsetTests, "default": subsetDefault.json, "jobs2": subsetTwo.json,
        "speedup": rounded(subsetTwo.wall / subsetDefault.wall, 2),
        "jobs2_vs_whole_differing": fromWhole.differing.count, "jobs2_vs_whole_compared": fromWhole.compared,
    ]) { _, new in new }
}

if let reference {
    let other = try loadRunResult(from: URL(fileURLWithPath: reference))
    report["reference"] = Differences(whole.result, other).json.merging(["path": reference]) { _, new in new }
}

if let kept {
    try? FileManager.default.removeItem(atPath: kept)
    try FileManager.default.moveItem(atPath: whole.output, toPath: kept)
}

try printJSON(report)
