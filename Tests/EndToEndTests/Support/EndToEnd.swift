import Foundation

/// Where the pieces of an end-to-end run are and whether this machine can run one.
///
/// The tests need root (namespaces, mounts) and the endpoints `ci/setup.sh` installs. CI runs as root with
/// `CI=true` and installs them, so there a missing endpoint is a failure (``installedOnCI``), never a skip.
enum EndToEnd {
    /// The repository root, from this file's place in `Tests/EndToEndTests/Support/`.
    static let repository: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<4 { url.deleteLastPathComponent() }
        return url.path
    }()

    /// The fixture endpoints of these tests.
    static let fixtures = repository + "/Tests/EndToEndTests/Fixtures"

    /// Where `ci/setup.sh` installed the endpoints (the adapters read the same variable).
    static let prefix = ProcessInfo.processInfo.environment["INTEROP_PREFIX"] ?? "/opt/interop-runner"

    /// Whether this process is root.
    static let isRoot = getuid() == 0

    /// Whether this is a CI job (GitHub Actions and GitLab set `CI=true`).
    static let isCI = ProcessInfo.processInfo.environment["CI"] == "true"

    /// What is missing of the installed endpoints; empty when all four can run.
    static let missingEndpoints: [String] = {
        let required =
            ["venv/bin/python3", "endpoints/quic-go/client", "endpoints/quic-go/server"]
            + ["quic-go", "ngtcp2", "aioquic", "qh3"].map { "endpoints/\($0)/VERSION" }
            + webTransportEndpoints.map { "endpoints/\($0)/VERSION" }
        return required.map { prefix + "/" + $0 }.filter { !FileManager.default.fileExists(atPath: $0) }
    }()

    /// The local WebTransport endpoints (`Registries/implementations_webtransport_local.json`).
    static let webTransportEndpoints = ["aioquic-webtransport", "qh3-webtransport"]

    /// Whether the tests that start real endpoints can run here.
    static let canRunEndpoints = isRoot && missingEndpoints.isEmpty

    /// The folder of the built products: the test bundle is an executable beside `interop-runner`.
    static let products: String = {
        let executable = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? ""
        return (executable as NSString).deletingLastPathComponent
    }()

    /// The built runner.
    static var runner: String { products + "/interop-runner" }

    /// A fresh folder under the temporary directory, removed by the caller.
    static func temporaryFolder(_ label: String) throws -> String {
        let path = NSTemporaryDirectory() + "qir-e2e-\(label)-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// Writes a registry of the real local endpoints and the fixtures, with absolute commands, into `folder`.
    static func writeRegistry(in folder: String) throws -> String {
        func entry(_ command: String, role: String) -> [String: String] {
            [
                "url": "https://example.invalid/\((command as NSString).lastPathComponent)", "role": role,
                "command": command,
            ]
        }
        var registry: [String: [String: String]] = [:]
        for name in ["quic-go", "ngtcp2", "aioquic", "qh3"] + webTransportEndpoints {
            registry[name] = entry(repository + "/ci/endpoints/\(name)/run_endpoint", role: "both")
        }
        registry["wt-corrupt-server"] = entry(fixtures + "/wt-corrupt-server/run_endpoint", role: "server")
        registry["wt-wrong-protocol"] = entry(fixtures + "/wt-wrong-protocol/run_endpoint", role: "client")
        registry["wt-unknown-testcase"] = entry(fixtures + "/wt-unknown-testcase/run_endpoint", role: "client")
        registry["wt-twice"] = entry(fixtures + "/wt-twice/run_endpoint", role: "both")
        registry["wt-lingering-client"] = entry(fixtures + "/wt-lingering-client/run_endpoint", role: "client")
        registry["corrupt-server"] = entry(fixtures + "/corrupt-server/run_endpoint", role: "server")
        registry["unsupported"] = entry(fixtures + "/unsupported/run_endpoint", role: "both")
        registry["hang"] = entry(fixtures + "/hang/run_endpoint", role: "client")
        registry["noncompliant"] = entry(fixtures + "/noncompliant/run_endpoint", role: "both")
        registry["forged-name"] = entry(fixtures + "/forged-name/run_endpoint", role: "client")
        registry["stray-initial"] = entry(fixtures + "/stray-initial/run_endpoint", role: "client")
        // Linked into each matrix's folder by `Matrix`, where it counts its runs.
        registry["flaky-once"] = entry(folder + "/flaky-once/run_endpoint", role: "client")
        for fixture in ["escape", "write-limit", "file-size-limit", "fork-loop"] {
            registry[fixture] = entry(fixtures + "/\(fixture)/run_endpoint", role: "client")
        }
        let path = folder + "/registry.json"
        let data = try JSONSerialization.data(withJSONObject: registry, options: [.sortedKeys])
        try data.write(to: URL(fileURLWithPath: path))
        return path
    }

    /// Network namespaces of the runner process `pid` (named `qir-<pid>x…`) that still exist.
    static func namespaces(of pid: Int32) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: "/run/netns")) ?? []
        return names.filter { $0.hasPrefix("qir-\(pid)x") }.sorted()
    }

    /// Processes whose command line contains `marker`, as `pid: command line`.
    static func processes(containing marker: String) -> [String] {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        var found: [String] = []
        for entry in entries where Int32(entry) != nil && Int32(entry) != getpid() {
            guard let data = FileManager.default.contents(atPath: "/proc/\(entry)/cmdline"), !data.isEmpty else {
                continue
            }
            let line = String(decoding: data.map { $0 == 0 ? 0x20 : $0 }, as: UTF8.self)
            if line.contains(marker) { found.append("\(entry): \(line)") }
        }
        return found
    }
}
