import Foundation
import Subprocess
import SystemPackage
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// Whether this process may create namespaces and mounts (CI runs as root).
let isRoot = getuid() == 0

/// Output of a helper command the tests run (ip, openssl).
struct CommandOutput {
    var status: TerminationStatus
    var standardOutput: String
    var standardError: String

    /// Whether the command exited with status 0.
    var succeeded: Bool { status.isSuccess }
}

/// Runs a command found in `PATH` and collects its output.
func command(_ name: String, _ arguments: [String]) async throws -> CommandOutput {
    let result = try await Subprocess.run(
        .name(name),
        arguments: Arguments(arguments),
        output: .string(limit: 1 << 20),
        error: .string(limit: 1 << 20)
    )
    return CommandOutput(
        status: result.terminationStatus,
        standardOutput: result.standardOutput,
        standardError: result.standardError
    )
}

/// A fresh directory under the system's temporary directory, removed by ``remove()``.
struct TemporaryDirectory {
    let path: FilePath

    init(_ label: String = "orchestration") throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("qir-\(label)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        path = FilePath(url.path)
    }

    func file(_ name: String) -> FilePath { path.appending(name) }

    func write(_ name: String, _ text: String) throws {
        try text.write(toFile: file(name).string, atomically: false, encoding: .utf8)
    }

    func read(_ name: String) throws -> String {
        try String(contentsOfFile: file(name).string, encoding: .utf8)
    }

    func makeDirectory(_ name: String) throws -> FilePath {
        try FileManager.default.createDirectory(atPath: file(name).string, withIntermediateDirectories: true)
        return file(name)
    }

    func remove() {
        try? FileManager.default.removeItem(atPath: path.string)
    }
}

/// A network namespace made with `ip netns add qir-test-<random>` for one test; ``delete()`` removes it.
struct TestNetworkNamespace {
    let name: String
    var path: FilePath { FilePath("/run/netns/\(name)") }

    init() async throws {
        name = "qir-test-\(UInt32.random(in: 0...UInt32.max))"
        let result = try await command("ip", ["netns", "add", name])
        try #require(result.succeeded, "ip netns add \(name): \(result.standardError)")
    }

    func delete() async {
        _ = try? await command("ip", ["netns", "delete", name])
    }
}

/// Runs `body` with a throwaway network namespace that is deleted afterwards, even when `body` throws.
func withTestNetworkNamespace<T>(_ body: (TestNetworkNamespace) async throws -> T) async throws -> T {
    let namespace = try await TestNetworkNamespace()
    do {
        let result = try await body(namespace)
        await namespace.delete()
        return result
    } catch {
        await namespace.delete()
        throw error
    }
}

/// The identity of a namespace file, as `readlink /proc/<pid>/ns/net` prints it (`net:[<inode>]`).
func namespaceInode(_ path: FilePath) throws -> UInt64 {
    let attributes = try FileManager.default.attributesOfItem(atPath: path.string)
    return try #require((attributes[.systemFileNumber] as? NSNumber)?.uint64Value)
}

/// Polls `condition` every 5 ms until it holds or `timeout` passes; returns whether it held.
func eventually(timeout: Duration = .seconds(10), _ condition: () -> Bool) async throws -> Bool {
    let deadline = ContinuousClock.now.advanced(by: timeout)
    while ContinuousClock.now < deadline {
        if condition() {
            return true
        }
        try await Task.sleep(for: .milliseconds(5))
    }
    return condition()
}

/// Whether process `pid` has ended (gone, or a zombie waiting to be reaped).
func hasEnded(_ pid: pid_t) -> Bool {
    guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
        let close = stat.lastIndex(of: ")")
    else { return true }
    return stat[stat.index(after: close)...].trimmingCharacters(in: .whitespaces).hasPrefix("Z")
}
