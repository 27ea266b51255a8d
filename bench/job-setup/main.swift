// Measures the per-job costs this module adds: making a certificate chain (length 1 and upstream's 9 for
// amplificationlimit, with and without writing the files) and starting an endpoint through interop-endpoint-exec
// (network namespace, private mount namespace, four binds and a hosts file) compared with starting it directly, and
// through the endpoint sandbox (scratch tmpfs, pids cgroup, read-only host, an unprivileged user, limits, and at the
// end the kill of its user's processes, the limit checks, the copy-out and the removal) compared with the plain
// launcher: `sandbox_launch_ms_median` is what the sandbox adds to one endpoint run.
// The launcher part needs root; without it those fields are null. The last line is one JSON object.
import EndpointLauncher
import Foundation
import Logging
import Orchestration
import SystemPackage

#if canImport(Glibc)
    import Glibc
#endif

func milliseconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) * 1000 + Double(duration.components.attoseconds) / 1e15
}

func median(_ samples: [Double]) -> Double {
    let sorted = samples.sorted()
    return sorted.count % 2 == 1
        ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
}

func measure(
    _ iterations: Int, isolation: isolated (any Actor)? = #isolation, _ body: () async throws -> Void
) async throws -> Double {
    let clock = ContinuousClock()
    var samples: [Double] = []
    for _ in 0..<iterations {
        let start = clock.now
        try await body()
        samples.append(milliseconds(clock.now - start))
    }
    return median(samples)
}

func rounded(_ value: Double?) -> String {
    value.map { String(format: "%.3f", $0) } ?? "null"
}

let scratch = FilePath(NSTemporaryDirectory()).appending("qir-bench-job-setup-\(getpid())")
try FileManager.default.createDirectory(atPath: scratch.string, withIntermediateDirectories: true)
defer { try? FileManager.default.removeItem(atPath: scratch.string) }

// Warm up the crypto and X509 code paths once so the first sample is not a page-in.
_ = try CertificateChain(length: 1)
let chain1 = try await measure(200) { _ = try CertificateChain(length: 1) }
let chain9 = try await measure(100) { _ = try CertificateChain(length: 9) }
// Every job writes into a fresh directory; rewriting one directory would time ext4's flush-on-truncate instead.
func freshDirectory() -> FilePath { scratch.appending("\(UUID().uuidString)/certs") }
let chain1Written = try await measure(200) { try CertificateChain(length: 1).write(to: freshDirectory()) }
let chain9Written = try await measure(100) { try CertificateChain(length: 9).write(to: freshDirectory()) }

var direct: Double?
var viaLauncher: Double?
var viaSandbox: Double?
if getuid() == 0 {
    // Located first so that a missing launcher fails before anything is created.
    let launcher = try LauncherBinary.locate()
    let namespace = "qir-bench-\(getpid())"
    let log = scratch.appending("output.txt")
    let ip = ProcessCommand(executable: "/usr/sbin/ip", arguments: ["netns", "add", namespace], logFile: log)
    guard try await runProcessGroup(ip) == .exited(0) else {
        fatalError("ip netns add \(namespace) failed: see \(log)")
    }
    let mountPoints = try EndpointMountPoints.ensure()
    var directories: [LaunchRequest.Bind] = []
    for (name, readOnly) in [("www", true), ("downloads", false), ("certs", true), ("logs", false)] {
        let source = scratch.appending(name)
        try FileManager.default.createDirectory(atPath: source.string, withIntermediateDirectories: true)
        directories.append(.init(source: source.string, target: "/\(name)", readOnly: readOnly))
    }
    try "127.0.0.1 localhost\n".write(toFile: scratch.appending("hosts").string, atomically: false, encoding: .utf8)
    let request = LaunchRequest(
        networkNamespace: "/run/netns/\(namespace)",
        binds: directories,
        hostsFile: scratch.appending("hosts").string,
        environment: [.init(name: "ROLE", value: "server")],
        command: ["/bin/true"]
    )
    let launched = ProcessCommand.endpoint(launcher: launcher, request: request, logFile: log)
    let plain = ProcessCommand(executable: "/bin/true", logFile: log)
    _ = try await runProcessGroup(launched)
    direct = try await measure(50) { _ = try await runProcessGroup(plain) }
    viaLauncher = try await measure(50) { _ = try await runProcessGroup(launched) }
    let logger = Logger(label: "bench-job-setup") { _ in SwiftLogNoOpLogHandler() }
    viaSandbox = try await withRunEnvironment(logger: logger) { environment in
        @Sendable func run() async throws {
            let termination = try await environment.sandbox.run(
                request, launcher: launcher, role: "client", workspace: scratch.string, logFile: log)
            guard termination == .exited(0) else { fatalError("the sandboxed /bin/true \(termination): see \(log)") }
        }
        try await run()
        return try await measure(50, run)
    }
    mountPoints.removeCreated()
    let delete = ProcessCommand(executable: "/usr/sbin/ip", arguments: ["netns", "delete", namespace], logFile: log)
    _ = try await runProcessGroup(delete)
}

print(
    "{\"chain1_ms_median\":\(rounded(chain1)),\"chain9_ms_median\":\(rounded(chain9)),"
        + "\"chain1_written_ms_median\":\(rounded(chain1Written)),\"chain9_written_ms_median\":\(rounded(chain9Written)),"
        + "\"spawn_direct_ms_median\":\(rounded(direct)),\"spawn_via_launcher_ms_median\":\(rounded(viaLauncher)),"
        + "\"launcher_overhead_ms_median\":\(rounded(viaLauncher.flatMap { via in direct.map { via - $0 } })),"
        + "\"spawn_via_sandbox_ms_median\":\(rounded(viaSandbox)),"
        + "\"sandbox_launch_ms_median\":\(rounded(viaSandbox.flatMap { sandboxed in viaLauncher.map { sandboxed - $0 } }))}"
)
