// Soak: 1,000 short jobs in one run (after a one-job warm-up run) at the default pool (sized to the machine), to show
// that nothing grows with the number of jobs: the runner's open files, network namespaces, mounts, processes and
// cgroups are counted before the run and after it, the work folders' bytes after it, and the runner's overhead per
// job (job wall time minus the endpoints' own span, as bench-overhead measures it) of the first and the last 100 jobs
// compared.
//
// The jobs are handshakes between the local implementations that support it (quic-go, aioquic, qh3, quinn), each
// registered under several names so that 40 servers × 25 clients make 1,000 pairs; every name of one
// implementation runs the same timing wrapper, so the compliance check runs once per implementation and role.
// Counted as the run's: processes descending from this one, running as a sandbox user, or in the run's namespaces
// or cgroups; namespaces, mounts and cgroups named after this process; work folders `interop-runner-<pid>-*`.
//
// Usage: bench-soak [repository root]. Root and `bash ci/setup.sh` first. The last line is one JSON object.
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
let implementations = ["quic-go", "aioquic", "qh3", "quinn"]
let serverCount = 40
let clientCount = 25
let pid = getpid()

/// What the run holds on the machine at one moment.
struct Footprint {
    /// What each open descriptor refers to, by number.
    var descriptorTargets: [String: String]
    var namespaces: Int
    var mounts: Int
    var processes: Int
    var cgroups: Int
    var workspaceBytes: UInt64

    /// The open descriptors.
    var fds: Int { descriptorTargets.count }

    /// The run's footprint now.
    static func now() -> Footprint {
        let manager = FileManager.default
        let namespaces = ((try? manager.contentsOfDirectory(atPath: "/run/netns")) ?? []).filter {
            $0.hasPrefix("qir-\(pid)x")
        }
        let mounts = mountPoints().filter { $0.contains("qir-\(pid)x") || $0.contains("interop-runner-\(pid)-") }
        let cgroupParent = "/sys/fs/cgroup/pids/interop-runner"
        let cgroups = ((try? manager.contentsOfDirectory(atPath: cgroupParent)) ?? []).filter {
            $0.hasPrefix("qir-\(pid)x")
        }
        let temporary = NSTemporaryDirectory()
        var bytes: UInt64 = 0
        for name in (try? manager.contentsOfDirectory(atPath: temporary)) ?? []
        where name.hasPrefix("interop-runner-\(pid)-") {
            let walker = manager.enumerator(atPath: temporary + name)
            while walker?.nextObject() != nil {
                bytes += (walker?.fileAttributes?[.size] as? NSNumber)?.uint64Value ?? 0
            }
        }
        let descriptors = (try? manager.contentsOfDirectory(atPath: "/proc/self/fd")) ?? []
        let targets = Dictionary(
            descriptors.map { ($0, (try? manager.destinationOfSymbolicLink(atPath: "/proc/self/fd/" + $0)) ?? "?") },
            uniquingKeysWith: { first, _ in first })
        return Footprint(
            descriptorTargets: targets,
            namespaces: namespaces.count, mounts: mounts.count,
            processes: runProcesses(namespaceInodes: Set(namespaces.compactMap(inode)), cgroups: cgroups).count,
            cgroups: cgroups.count, workspaceBytes: bytes)
    }

    /// Live processes that descend from this one, run as a sandbox user, or live in the run's namespaces or cgroups.
    static func runProcesses(namespaceInodes: Set<String>, cgroups: [String]) -> Set<Int32> {
        var parents: [Int32: Int32] = [:]
        var found: Set<Int32> = []
        for entry in (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? [] {
            guard let process = Int32(entry), let status = read("/proc/\(entry)/status") else { continue }
            let fields = Dictionary(
                status.split(separator: "\n").compactMap { line -> (String, String)? in
                    guard let colon = line.firstIndex(of: ":") else { return nil }
                    return (
                        String(line[..<colon]), line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
                    )
                }, uniquingKeysWith: { first, _ in first })
            guard fields["State"]?.first != "Z" else { continue }
            parents[process] = Int32(fields["PPid"] ?? "")
            let user = fields["Uid"]?.split(whereSeparator: \.isWhitespace).first.flatMap { UInt32($0) }
            if let user, RunSandbox.userIDs.contains(user) { found.insert(process) }
            let net = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/\(entry)/ns/net")
            if let net, namespaceInodes.contains(net) { found.insert(process) }
        }
        for process in parents.keys {
            var ancestor = parents[process]
            while let current = ancestor, current > 1 {
                if current == pid { found.insert(process) }
                ancestor = parents[current]
            }
        }
        for cgroup in cgroups {
            let folder = "/sys/fs/cgroup/pids/interop-runner/" + cgroup
            for child in (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [] {
                let procs = read(folder + "/" + child + "/cgroup.procs") ?? ""
                found.formUnion(procs.split(separator: "\n").compactMap { Int32($0) })
            }
        }
        return found
    }

    /// The identity of namespace `name` as `/proc/<pid>/ns/net` links show it.
    static func inode(_ name: String) -> String? {
        let attributes = try? FileManager.default.attributesOfItem(atPath: "/run/netns/" + name)
        return (attributes?[.systemFileNumber] as? NSNumber).map { "net:[\($0)]" }
    }

    /// A kernel file to its end (`String(contentsOfFile:)` stops after 4 KiB of one).
    static func read(_ path: String) -> String? {
        guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
        defer { try? handle.close() }
        var bytes = Data()
        while let chunk = try? handle.read(upToCount: 16 * 1024), !chunk.isEmpty { bytes += chunk }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The mount points of this process's mount namespace.
    static func mountPoints() -> [String] {
        (read("/proc/self/mountinfo") ?? "").split(separator: "\n").compactMap { line in
            let fields = line.split(separator: " ")
            return fields.count > 4 ? String(fields[4]) : nil
        }
    }
}

let logger = Logger(label: "bench-soak") { _ in SwiftLogNoOpLogHandler() }
let scratch = NSTemporaryDirectory() + "qir-bench-soak-\(pid)"
try FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true)
defer { try? FileManager.default.removeItem(atPath: scratch) }

var registry: [String: [String: String]] = [:]
var servers: [String] = []
var clients: [String] = []
let wrappers = try EndpointTiming.localWrappers(for: implementations, repository: repository, bench: "bench-soak")
defer { wrappers.remove() }
for name in implementations {
    let wrapper = wrappers.paths[name] ?? ""
    for alias in 0..<serverCount / implementations.count {
        registry["\(name)-\(alias)"] = ["url": "https://example.invalid/\(name)", "role": "both", "command": wrapper]
    }
}
for index in 0..<serverCount {
    servers.append("\(implementations[index % implementations.count])-\(index / implementations.count)")
}
for index in 0..<clientCount {
    clients.append("\(implementations[index % implementations.count])-\(index / implementations.count)")
}
let registryPath = scratch + "/registry.json"
try JSONSerialization.data(withJSONObject: registry, options: [.sortedKeys]).write(
    to: URL(fileURLWithPath: registryPath))

/// The batch of `servers` × `clients` handshakes over the registry, writing to `output`.
func soakBatch(servers: [String], clients: [String], output: String) throws -> (BatchRun, RunConfiguration) {
    var options = RunOptions()
    options.registries = [registryPath]
    options.servers = servers.joined(separator: ",")
    options.clients = clients.joined(separator: ",")
    options.tests = "handshake"
    options.seed = 1
    options.noAutoUnsupported = Set(servers + clients).sorted().joined(separator: ",")
    options.outputDir = output
    return try benchBatch(options, runnerVersion: "bench-soak")
}

// A one-job run first: what the process opens once for good (the event loops of Dispatch and of the process
// monitor) is open before the footprint is taken, so the growth counts only what the 1,000 jobs leave behind.
let (warmUp, _) = try soakBatch(servers: [servers[0]], clients: [clients[0]], output: scratch + "/warm-up")
_ = try await withRunEnvironment(logger: logger) { environment in
    try await warmUp.run(in: environment, logger: logger)
}
let (batch, configuration) = try soakBatch(servers: servers, clients: clients, output: scratch + "/out")

let before = Footprint.now()
let clock = ContinuousClock()
let began = clock.now
let outcome = try await withRunEnvironment(logger: logger) { environment in
    try await batch.run(in: environment, logger: logger)
}
let wall = clock.now - began
let after = Footprint.now()

var overheads: [(start: Date, ms: Double)] = []
var statuses: [String: Int] = [:]
/// Jobs that did not succeed, by implementation pair (`server→client`): which endpoints fail a handshake.
var unsuccessful: [String: Int] = [:]
/// An alias's implementation (`quic-go-3` → `quic-go`).
func implementation(_ alias: String) -> String {
    implementations.first { alias.hasPrefix($0 + "-") } ?? alias
}
for result in outcome.result.jobs {
    statuses[result.status.rawValue, default: 0] += 1
    if result.status != .succeeded {
        unsuccessful["\(implementation(result.id.server))→\(implementation(result.id.client))", default: 0] += 1
    }
    guard let span = EndpointTiming.span(logDir: configuration.output.logDir + "/" + result.id.logPath) else {
        continue
    }
    overheads.append((result.start, (result.duration - (span.end - span.start)) * 1000))
}
overheads.sort { $0.start < $1.start }
let first = quantile(overheads.prefix(100).map(\.ms), 0.5)
let last = quantile(overheads.suffix(100).map(\.ms), 0.5)
let drift = first.flatMap { first in last.map { ($0 - first) / first * 100 } }
/// The members of a JSON object of counts, by key.
func jsonMembers(_ counts: [String: Int]) -> String {
    counts.sorted { $0.key < $1.key }.map { "\"\($0.key)\":\($0.value)" }.joined(separator: ",")
}
// Descriptors opened during the run and still open: what they are says whether they grow with the jobs (a log file,
// a socket per job) or were opened once (the process monitor's epoll and eventfd, the signal handler's pipe).
let newDescriptors = after.descriptorTargets.filter { before.descriptorTargets[$0.key] != $0.value }.values
    .map { $0.replacingOccurrences(of: #"\[[0-9]+\]"#, with: "", options: .regularExpression) }
let newDescriptorCounts = Dictionary(newDescriptors.map { ($0, 1) }, uniquingKeysWith: +)
print(
    "{\"jobs\":\(outcome.result.jobs.count),\"jobs_measured\":\(overheads.count),\"pool_peak\":\(outcome.peakWidth),"
        + "\"wall_s\":\(String(format: "%.1f", Double(wall.components.seconds))),"
        + "\"statuses\":{\(jsonMembers(statuses))},"
        + "\"unsuccessful_by_pair\":{\(jsonMembers(unsuccessful))},"
        + "\"fd_before\":\(before.fds),\"fd_after\":\(after.fds),\"fd_growth\":\(after.fds - before.fds),"
        + "\"fd_opened_and_open\":{\(jsonMembers(newDescriptorCounts))},"
        + "\"netns_before\":\(before.namespaces),\"netns_after\":\(after.namespaces),"
        + "\"netns_growth\":\(after.namespaces - before.namespaces),"
        + "\"mount_before\":\(before.mounts),\"mount_after\":\(after.mounts),\"mount_growth\":\(after.mounts - before.mounts),"
        + "\"process_before\":\(before.processes),\"process_after\":\(after.processes),"
        + "\"process_growth\":\(after.processes - before.processes),"
        + "\"cgroup_before\":\(before.cgroups),\"cgroup_after\":\(after.cgroups),"
        + "\"cgroup_growth\":\(after.cgroups - before.cgroups),"
        + "\"workspace_bytes_left\":\(after.workspaceBytes),"
        + "\"overhead_ms_first100_median\":\(format(first)),\"overhead_ms_last100_median\":\(format(last)),"
        + "\"overhead_drift_pct\":\(format(drift))}")
