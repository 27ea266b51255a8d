import Results
import Subprocess
import SystemPackage

#if canImport(Glibc)
    import Glibc
#endif

/// Upstream's `crosstraffic` companions: an iperf3 server on the right network and an iperf3 client on the left
/// whose TCP (cubic) flow runs from the server to the client (`-R`), through the same bottleneck as the QUIC
/// download, for as long as the body runs.
enum CrossTraffic {
    /// iperf3's default port.
    static let port: UInt16 = 5201

    /// Runs `body` while the iperf flow runs; kills both iperf processes afterwards.
    static func run<R: Sendable>(network: JobNetwork, _ body: () async throws -> R) async throws -> R {
        try await withThrowingTaskGroup(of: Void.self, returning: R.self) { group in
            let server = network.command(
                in: .iperfServer, "iperf3", ["-s", "-B", SimulatorAddressing.iperfServerIPv4])
            group.addTask {
                _ = try await Subprocess.run(
                    .path(FilePath(server.executable)), arguments: Arguments(server.arguments), output: .discarded)
            }
            defer { killAll(network) }
            try await waitForListener(network: network)
            let client = network.command(
                in: .iperfClient, "iperf3",
                ["-c", SimulatorAddressing.iperfServerIPv4, "-t", "86400", "-C", "cubic", "-R"])
            group.addTask {
                _ = try await Subprocess.run(
                    .path(FilePath(client.executable)), arguments: Arguments(client.arguments), output: .discarded)
            }
            let result = try await body()
            killAll(network)
            try await group.waitForAll()
            return result
        }
    }

    /// Waits (up to 5 s) until the iperf server namespace has a TCP listener on ``port``.
    private static func waitForListener(network: JobNetwork) async throws {
        let clock = ContinuousClock()
        let deadline = clock.now + .seconds(5)
        let inode = NamespaceCleaner.inode(ofNamespaceFile: network.namespacePath(.iperfServer))
        while clock.now < deadline {
            if let inode, let pid = NamespaceCleaner.processes(inNamespaces: [inode]).first,
                listens(pid: pid, port: port)
            {
                return
            }
            try await Task.sleep(for: .milliseconds(5))
        }
        throw NetworkError(.commandFailed, "iperf3 server in \(network.namespace(.iperfServer)) did not start")
    }

    /// Whether `/proc/<pid>/net/tcp` or `tcp6` (the tables of the process's namespace) has a listener on `port`.
    private static func listens(pid: Int32, port: UInt16) -> Bool {
        listens(table: "/proc/\(pid)/net/tcp", port: port) || listens(table: "/proc/\(pid)/net/tcp6", port: port)
    }

    private static func listens(table: String, port: UInt16) -> Bool {
        guard let file = fopen(table, "r") else { return false }
        defer { fclose(file) }
        let needle = ":" + String(port, radix: 16, uppercase: true)
        var buffer = [CChar](repeating: 0, count: 512)
        while fgets(&buffer, Int32(buffer.count), file) != nil {
            let line = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            let fields = line.split(separator: " ")
            // Fields: sl, local address, remote address, state (0A = LISTEN).
            if fields.count > 3, fields[1].hasSuffix(needle), fields[3] == "0A" { return true }
        }
        return false
    }

    private static func killAll(_ network: JobNetwork) {
        let inodes = Set(
            [NetworkHost.iperfClient, .iperfServer].compactMap {
                NamespaceCleaner.inode(ofNamespaceFile: network.namespacePath($0))
            })
        for pid in NamespaceCleaner.processes(inNamespaces: inodes) { kill(pid, SIGKILL) }
    }
}
