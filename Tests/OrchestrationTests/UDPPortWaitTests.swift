import EndpointLauncher
import Foundation
import SystemPackage
import Testing

@testable import Orchestration

#if canImport(Glibc)
    import Glibc
#endif

@Suite struct UDPSocketTableTests {
    @Test func localPortsAreReadFromBothTableFormats() {
        let udp = """
              sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode ref pointer drops
             1021: 00000000:01BB 00000000:0000 07 00000000:00000000 00:00000000 00000000     0        0 81234 2 0000000000000000 0
             1100: 0100007F:D6A3 0100007F:0035 01 00000000:00000000 00:00000000 00000000     0        0 81235 2 0000000000000000 0
            """
        let udp6 = """
              sl  local_address                         remote_address                        st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode ref pointer drops
              443: 00000000000000000000000000000000:E115 00000000000000000000000000000000:0000 07 00000000:00000000 00:00000000 00000000     0        0 9 2 0 0
            """
        #expect(UDPSocketTable.boundPorts(in: udp) == [443, 0xD6A3])
        #expect(UDPSocketTable.boundPorts(in: udp6) == [0xE115])
        #expect(UDPSocketTable.boundPorts(in: "  sl  local_address\n").isEmpty)
    }
}

/// Waits for real sockets: a Python server inside a throwaway namespace, started through the launcher.
@Suite(.enabled(if: isRoot, "needs root for network namespaces"))
struct UDPPortWaitTests {
    /// Runs `script` with python3 through the launcher in `namespace` while `body` runs.
    private func withPythonEndpoint<T: Sendable>(
        _ script: String,
        in namespace: TestNetworkNamespace,
        log: FilePath,
        _ body: (ProcessGroup) async throws -> T
    ) async throws -> T {
        let request = LaunchRequest(networkNamespace: namespace.path.string, command: ["python3", "-c", script])
        let command = ProcessCommand.endpoint(launcher: try LauncherBinary.locate(), request: request, logFile: log)
        return try await withProcessGroup(command, body).result
    }

    /// A server that binds after a delay and leaves `marker` just before binding, so a test can tell that the wait
    /// ended because of the bind and not before it (the delay alone would make the test depend on timing).
    private func bindAfterDelay(family: String, host: String, marker: String) -> String {
        """
        import socket, time
        time.sleep(0.2)
        s = socket.socket(socket.\(family), socket.SOCK_DGRAM)
        open("\(marker)", "w").close()
        s.bind(("\(host)", 443))
        time.sleep(30)
        """
    }

    @Test(arguments: [("AF_INET", "0.0.0.0"), ("AF_INET6", "::")])
    func waitsUntilTheServerBindsPort443(family: String, host: String) async throws {
        let directory = try TemporaryDirectory("udp")
        defer { directory.remove() }
        try await withTestNetworkNamespace { namespace in
            let marker = directory.file("about-to-bind").string
            let outcome = try await withPythonEndpoint(
                bindAfterDelay(family: family, host: host, marker: marker),
                in: namespace,
                log: directory.file("log")
            ) { server in
                try await waitForUDPPort(process: server.pid, networkNamespace: namespace.path, timeout: .seconds(10))
            }
            guard case .bound(let after) = outcome else {
                Issue.record("\(outcome): \((try? directory.read("log")) ?? "")")
                return
            }
            #expect(FileManager.default.fileExists(atPath: marker))
            #expect(after < .seconds(10))
        }
    }

    @Test func aServerThatExitsOrNeverBindsEndsTheWait() async throws {
        let directory = try TemporaryDirectory("udp")
        defer { directory.remove() }
        try await withTestNetworkNamespace { namespace in
            let exited = try await withPythonEndpoint(
                "import time; time.sleep(0.1)", in: namespace, log: directory.file("log")
            ) {
                server in
                try await waitForUDPPort(process: server.pid, networkNamespace: namespace.path, timeout: .seconds(10))
            }
            #expect(exited == .processExited)

            let clock = ContinuousClock()
            let start = clock.now
            let silent = try await withPythonEndpoint(
                "import time; time.sleep(30)", in: namespace, log: directory.file("log")
            ) {
                server in
                try await waitForUDPPort(
                    process: server.pid, networkNamespace: namespace.path, timeout: .milliseconds(300))
            }
            #expect(silent == .timedOut)
            #expect(clock.now - start >= .milliseconds(300))
        }
    }

    @Test func socketsCountOnlyInTheExpectedNamespace() async throws {
        // A socket in the host's namespace, on a port of its own, seen through a process that stays on the host.
        let descriptor = socket(AF_INET, Int32(SOCK_DGRAM.rawValue), 0)
        try #require(descriptor >= 0)
        defer { close(descriptor) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = UInt32(INADDR_LOOPBACK).bigEndian
        try #require(
            withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
                }
            } == 0)
        var bound = sockaddr_in()
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &bound) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &length) }
        }
        let port = UInt16(bigEndian: bound.sin_port)

        let directory = try TemporaryDirectory("udp")
        defer { directory.remove() }
        try await withTestNetworkNamespace { namespace in
            let hostProcess = ProcessCommand(
                executable: "/bin/sleep", arguments: ["30"], logFile: directory.file("log"))
            let (outcomes, _) = try await withProcessGroup(hostProcess) { process in
                let anywhere = try await waitForUDPPort(port, process: process.pid, timeout: .seconds(5))
                let inNamespace = try await waitForUDPPort(
                    port,
                    process: process.pid,
                    networkNamespace: namespace.path,
                    timeout: .milliseconds(100)
                )
                return [anywhere, inNamespace]
            }
            guard case .bound = outcomes[0] else {
                Issue.record("host socket not seen: \(outcomes[0])")
                return
            }
            #expect(outcomes[1] == .timedOut)
        }
    }
}
