// Builds the results site for 20 runs of the main job's size (5 servers × 5 clients × 22 test cases = 550 jobs
// each, written as result.json files first) and measures the build as `interop-runner site` does it (read every
// result.json, write index.html), then the page's first render in headless Chromium from file://. The last line
// is one JSON object. Run with `swift build -c release --product bench-site && .build/release/bench-site`.
import Foundation
import Reporters
import Results

let names = ["quic-go", "ngtcp2", "aioquic", "qh3", "quinn"]
let tests = (1...22).map {
    TestDescriptor(name: "test\($0)", abbreviation: "T\($0)", description: "Test case \($0).", isMeasurement: false)
}

/// Run `number` of the series: most cells keep their status from run to run, a few change, as real runs do.
func syntheticRun(_ number: Int, random: inout SeededGenerator, previous: [JobID: JobStatus]) -> RunResult {
    let start = Date(timeIntervalSince1970: 1_764_000_000 + Double(number) * 86_400)
    var implementations: [String: Implementation] = [:]
    for name in names {
        implementations[name] = Implementation(name: name, url: "https://example.org/\(name)", role: .both)
    }
    var jobs: [JobResult] = []
    for client in names {
        for server in names {
            for test in tests {
                let id = JobID(server: server, client: client, test: test.name)
                var status = previous[id] ?? .succeeded
                if previous[id] == nil || random.next() % 100 < 4 {
                    let roll = random.next() % 100
                    status = roll < 80 ? .succeeded : roll < 90 ? .unsupported : roll < 97 ? .failed : .timeout
                }
                jobs.append(
                    JobResult(
                        id: id, status: status,
                        reason: status == .succeeded ? nil : "check failed (\(status.rawValue))",
                        start: start.addingTimeInterval(Double(jobs.count)), duration: 2.5, seed: random.next()))
            }
        }
    }
    return RunResult(
        protocolKind: .quic, runnerVersion: "bench", start: start, end: start.addingTimeInterval(1_800), seed: 42,
        logDir: "logs", servers: names, clients: names, implementations: implementations, tests: tests,
        measurements: [], jobs: jobs)
}

/// Seconds since `start` on the continuous clock.
func seconds(since start: ContinuousClock.Instant) -> Double {
    let elapsed = ContinuousClock.now - start
    return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
}

let root = FileManager.default.temporaryDirectory.appendingPathComponent("bench-site-\(getpid())")
defer { try? FileManager.default.removeItem(at: root) }
var random = SeededGenerator(seed: 42)
var previous: [JobID: JobStatus] = [:]
var folders: [URL] = []
for number in 1...20 {
    let run = syntheticRun(number, random: &random, previous: previous)
    previous = Dictionary(run.jobs.map { ($0.id, $0.status) }, uniquingKeysWith: { _, last in last })
    let folder = root.appendingPathComponent("runs/run-\(number < 10 ? "0" : "")\(number)")
    try FileManager.default.createDirectory(
        at: folder.appendingPathComponent("logs"), withIntermediateDirectories: true)
    try Data(UpstreamResultJSON.render(run)).write(to: folder.appendingPathComponent("result.json"))
    folders.append(folder)
}

// What `interop-runner site` does: read every run's result.json, build the page, write it.
let began = ContinuousClock.now
var runs: [SiteRun] = []
for folder in folders {
    let result = try loadRunResult(from: folder.appendingPathComponent("result.json"))
    runs.append(SiteRun(name: folder.lastPathComponent, result: result, logs: "runs/\(folder.lastPathComponent)/logs/"))
}
let page = try ResultsSite.write(runs, to: root)
let build = seconds(since: began)
let pageBytes = (try? FileManager.default.attributesOfItem(atPath: page.path)[.size] as? Int) ?? -1

// The first render: a copy of the page with one more inline script after the site's, which runs once the site's
// script has rendered synchronously; it records the time since navigation start, and again after the next frame.
let probe = """
    <script>
    document.body.setAttribute("data-render-ms", performance.now().toFixed(1));
    requestAnimationFrame(function () { document.body.setAttribute("data-frame-ms", performance.now().toFixed(1)); });
    </script>
    </body>
    """
let measured = root.appendingPathComponent("measured.html")
let html = try String(contentsOf: page, encoding: .utf8).replacingOccurrences(of: "</body>", with: probe)
try Data(html.utf8).write(to: measured)

/// Runs headless Chromium on the measured page and returns (render ms, frame ms or -1, wall seconds).
func chromium(profile: URL) throws -> (Double, Double, Double) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/chromium")
    process.arguments = [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
        "--user-data-dir=\(profile.path)", "--virtual-time-budget=2000", "--dump-dom", measured.absoluteString,
    ]
    let output = Pipe()
    process.standardOutput = output
    process.standardError = FileHandle.nullDevice
    let began = ContinuousClock.now
    try process.run()
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    let wall = seconds(since: began)
    let dom = String(decoding: data, as: UTF8.self)
    func attribute(_ name: String) -> Double {
        guard let range = dom.range(of: "\(name)=\"") else { return -1 }
        return Double(dom[range.upperBound...].prefix { $0 != "\"" }) ?? -1
    }
    return (attribute("data-render-ms"), attribute("data-frame-ms"), wall)
}

var samples: [(Double, Double, Double)] = []
for attempt in 1...5 {
    samples.append(try chromium(profile: root.appendingPathComponent("profile-\(attempt)")))
}
let render = samples.map(\.0).sorted()[samples.count / 2]
let frame = samples.map(\.1).sorted()[samples.count / 2]
let wall = samples.map(\.2).sorted()[samples.count / 2]
let jobs = runs.reduce(0) { $0 + $1.result.jobs.count }
print("runs \(runs.count), jobs \(jobs), page \(pageBytes) bytes")
print("build: \(String(format: "%.3f", build)) s (limit 2 s)")
print("first render: \(render) ms after navigation start, next frame \(frame) ms (limit 1000 ms), median of 5")
print("chromium wall time per load (start-up included): \(String(format: "%.2f", wall)) s")
print(
    "{\"runs\": \(runs.count), \"jobs\": \(jobs), \"build_seconds\": \(String(format: "%.3f", build)), "
        + "\"page_bytes\": \(pageBytes), \"first_render_ms\": \(render), \"first_frame_ms\": \(frame), "
        + "\"chromium_wall_seconds\": \(String(format: "%.2f", wall))}")
