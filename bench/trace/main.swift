// Benchmark: analyzes a transfer trace and a key-update trace with decryption, and times one tshark pass over
// each with the same key log (`tshark -o tls.keylog_file:… -T json`) in the same run. Captures come from aioquic
// over loopback (bench/trace/capture.py) when the project venv and tcpdump exist, else from the committed fixtures.
// The last stdout line is one JSON object with `speedup_vs_tshark` and `peak_rss_mb` (VmHWM).
import Foundation
import QUICTrace

/// One trace to analyze: capture, key log and the server's UDP port (tshark decodes QUIC on it).
struct Trace {
    let name: String
    let capture: String
    let keyLog: String
    let port: Int
}

/// Runs `executable` with `arguments`, stdout to `/dev/null` unless captured; returns exit status and seconds.
@discardableResult
func run(_ executable: String, _ arguments: [String]) throws -> (status: Int32, seconds: Double) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    let start = ContinuousClock.now
    try process.run()
    process.waitUntilExit()
    let elapsed = ContinuousClock.now - start
    return (
        process.terminationStatus, Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    )
}

func seconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
}

/// VmHWM of this process in MiB.
func peakResidentMegabytes() -> Double {
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
        let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
        let kilobytes = Double(line.split(separator: " ").dropFirst().first ?? "")
    else { return 0 }
    return kilobytes / 1024
}

func log(_ message: String) {
    FileHandle.standardError.write(Data((message + "\n").utf8))
}

let prefix = ProcessInfo.processInfo.environment["INTEROP_PREFIX"] ?? "/opt/interop-runner"
let python = "\(prefix)/venv/bin/python3"
let benchDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
let fixtures = benchDirectory.appendingPathComponent("../../Tests/QUICTraceTests/Fixtures").standardized.path
let work = FileManager.default.temporaryDirectory.appendingPathComponent("bench-trace-\(getpid())")
try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
defer { try? FileManager.default.removeItem(at: work) }

var traces: [Trace] = []
let canGenerate =
    FileManager.default.isExecutableFile(atPath: python)
    && FileManager.default.isExecutableFile(atPath: "/usr/bin/tcpdump")
    && (try? run(python, ["-c", "import aioquic"]).status) == 0
if canGenerate {
    let basePort = 20000 + Int(getpid() % 20000)
    let plans: [(name: String, extra: [String])] = [
        ("transfer", ["--size", "10000000", "--requests", "1"]),
        ("keyupdate", ["--size", "2500000", "--requests", "4", "--keyupdate"]),
    ]
    for (offset, plan) in plans.enumerated() {
        let trace = Trace(
            name: plan.name, capture: work.appendingPathComponent("\(plan.name).pcap").path,
            keyLog: work.appendingPathComponent("\(plan.name).keys").path, port: basePort + offset)
        log("generating \(plan.name) capture with aioquic on port \(trace.port)")
        let result = try run(
            python,
            [
                benchDirectory.appendingPathComponent("capture.py").path, "--pcap", trace.capture, "--keylog",
                trace.keyLog,
                "--port", String(trace.port),
            ] + plan.extra)
        guard result.status == 0 else {
            log("capture.py failed for \(plan.name) (status \(result.status))")
            exit(2)
        }
        traces.append(trace)
    }
} else {
    log("no aioquic venv or tcpdump: using the committed fixtures")
    traces = [
        Trace(
            name: "transfer", capture: "\(fixtures)/handshake.pcap", keyLog: "\(fixtures)/handshake.keys", port: 24433),
        Trace(
            name: "keyupdate", capture: "\(fixtures)/keyupdate.pcap", keyLog: "\(fixtures)/keyupdate.keys", port: 24434),
    ]
}

// The peak after analyzing a 37 KB fixture, to compare with the peak after the multi-megabyte captures: streaming
// keeps them close.
if let fixtureKeys = try? KeyLog(path: "\(fixtures)/handshake.keys") {
    _ = TraceAnalysis.analyze(path: "\(fixtures)/handshake.pcap", keyLog: fixtureKeys)
}
let smallPeak = peakResidentMegabytes()
var oursTotal = 0.0
var tsharkTotal = 0.0
var results: [String] = []
for trace in traces {
    let keyLog = try KeyLog(path: trace.keyLog)
    var best = Double.infinity
    var analysis: TraceAnalysis?
    var diagnostics: [Diagnostic] = []
    for _ in 0..<3 {
        let start = ContinuousClock.now
        let result = TraceAnalysis.analyze(path: trace.capture, keyLog: keyLog)
        best = min(best, seconds(ContinuousClock.now - start))
        analysis = result.analysis
        diagnostics = result.diagnostics
    }
    guard let analysis else { exit(2) }
    let undecrypted = analysis.undecryptedPackets.values.reduce(0, +)
    if undecrypted > 0 || !diagnostics.isEmpty {
        log("\(trace.name): \(undecrypted) packets not decrypted; diagnostics: \(diagnostics.prefix(5))")
    }
    let tshark = try run(
        "/usr/bin/tshark",
        [
            "-r", trace.capture, "-o", "tls.keylog_file:\(trace.keyLog)", "-d", "udp.port==\(trace.port),quic", "-T",
            "json",
        ])
    guard tshark.status == 0 else {
        log("tshark failed on \(trace.name) (status \(tshark.status))")
        exit(2)
    }
    let size = (try? FileManager.default.attributesOfItem(atPath: trace.capture)[.size] as? Int) ?? 0
    let phases = analysis.keyPhaseCounts.mapValues { $0[1] }
    log(
        "\(trace.name): \(size) bytes, \(analysis.packetCount) packets, ours \(Int(best * 1000)) ms, tshark \(Int(tshark.seconds * 1000)) ms, "
            + "key phase 1 packets \(phases)")
    oursTotal += best
    tsharkTotal += tshark.seconds
    results.append(
        "{\"name\":\"\(trace.name)\",\"bytes\":\(size),\"packets\":\(analysis.packetCount),\"undecrypted\":\(undecrypted),"
            + "\"ours_ms\":\(String(format: "%.2f", best * 1000)),\"tshark_ms\":\(String(format: "%.1f", tshark.seconds * 1000))}"
    )
}
let speedup = tsharkTotal / max(oursTotal, 1e-9)
print(
    "{\"benchmark\":\"trace\",\"generated\":\(canGenerate),\"traces\":[\(results.joined(separator: ","))],"
        + "\"ours_ms\":\(String(format: "%.2f", oursTotal * 1000)),\"tshark_ms\":\(String(format: "%.1f", tsharkTotal * 1000)),"
        + "\"speedup_vs_tshark\":\(String(format: "%.1f", speedup)),\"peak_rss_small_fixture_mb\":\(String(format: "%.1f", smallPeak)),"
        + "\"peak_rss_mb\":\(String(format: "%.1f", peakResidentMegabytes()))}")
