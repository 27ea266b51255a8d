import Foundation
import Results
import Subprocess
import SystemPackage
import Testing

@testable import Orchestration

/// The job network's isolation, names, teardown and the leftover reaper, on real namespaces.
@Suite(.serialized, .enabled(if: isRoot, "needs root for network namespaces"), .timeLimit(.minutes(2)))
struct JobNetworkTests {
    static let simpleP2P = "simple-p2p --delay=2ms --bandwidth=100Mbps --queue=25"

    /// What one job's names occupy on the machine (namespaces, hosts folders, mounts) and the root namespace's
    /// interfaces that a job could leave behind (veths must never appear there). Other suites run jobs in
    /// parallel, so only names carrying this job's label are compared.
    struct MachineState: Equatable {
        var namespaces: Set<String>
        var folders: Set<String>
        var mounts: Set<String>
        var rootInterfaces: Set<String>

        static func capture(label: String) throws -> MachineState {
            let token = "\(JobNetwork.runToken)-\(label)"
            let manager = FileManager.default
            let namespaces = Set((try? manager.contentsOfDirectory(atPath: "/run/netns")) ?? []).filter {
                $0.contains(token)
            }
            let folders = Set((try? manager.contentsOfDirectory(atPath: "/etc/netns")) ?? []).filter {
                $0.contains(token)
            }
            let mountinfo = try String(contentsOfFile: "/proc/self/mountinfo", encoding: .utf8)
            let mounts = Set(mountinfo.split(separator: "\n").map(String.init).filter { $0.contains(token) })
            // /proc/net/dev lists the interfaces of the reading process's (the root) namespace.
            let devices = try String(contentsOfFile: "/proc/net/dev", encoding: .utf8)
            let interfaces = Set(
                devices.split(separator: "\n").dropFirst(2).compactMap {
                    $0.split(separator: ":").first?.trimmingCharacters(in: .whitespaces)
                }
            ).filter { ["eth0", "eth1", "lc", "lic", "rs", "ris"].contains($0) || $0.hasPrefix("veth") }
            return MachineState(namespaces: namespaces, folders: folders, mounts: mounts, rootInterfaces: interfaces)
        }
    }

    @Test func namesAddressesRoutesAndHostsMatchUpstream() async throws {
        try await withJobNetwork(
            label: "names", options: JobNetworkOptions(scenario: Self.simpleP2P), logger: testLogger
        ) { net in
            #expect(net.tag.hasPrefix("qir-\(getpid())x"))
            #expect(net.namespace(.client).hasSuffix("-c"))
            let addresses = try await net.run(in: .client, "ip", ["-o", "addr", "show", "dev", "eth0"]).output
            #expect(addresses.contains(SimulatorAddressing.clientIPv4 + "/24"))
            #expect(addresses.contains(printed(SimulatorAddressing.clientIPv6) + "/64"))
            #expect(!addresses.contains("tentative"), "DAD is off, the address is usable at once")
            let routes = try await net.run(in: .server, "ip", ["route"]).output
            #expect(
                routes.contains("\(SimulatorAddressing.ipv4Network) via \(SimulatorAddressing.simRightIPv4) dev eth0"))
            #expect(!routes.contains(SimulatorAddressing.rightIPv4Prefix + ".0/24"))
            let routes6 = try await net.run(in: .server, "ip", ["-6", "route"]).output
            #expect(
                routes6.contains("\(SimulatorAddressing.ipv6Network) via \(SimulatorAddressing.simRightIPv6) dev eth0"))
            let simLinks = try await net.run(in: .simulator, "ip", ["-o", "addr"]).output
            let simulator = [
                SimulatorAddressing.simLeftIPv4 + "/24", SimulatorAddressing.simRightIPv4 + "/24",
                printed(SimulatorAddressing.simLeftIPv6) + "/64", printed(SimulatorAddressing.simRightIPv6) + "/64",
            ]
            for address in simulator {
                #expect(simLinks.contains(address))
            }
            let forwarding = try await net.run(in: .simulator, "cat", ["/proc/sys/net/ipv4/ip_forward"]).output
            #expect(forwarding.trimmingCharacters(in: .whitespacesAndNewlines) == "0")
            let resolved = try await net.run(in: .client, "getent", ["ahosts", "server46"]).output
            #expect(
                resolved.contains(SimulatorAddressing.serverIPv4)
                    && resolved.contains(printed(SimulatorAddressing.serverIPv6)))
            let server6 = try await net.run(in: .client, "getent", ["hosts", "server6"]).output
            #expect(server6.contains(printed(SimulatorAddressing.serverIPv6)))
            let sim = try await net.run(in: .server, "getent", ["hosts", "sim"]).output
            #expect(sim.contains(SimulatorAddressing.simRightIPv4))
            // Upstream endpoints wait for the simulator's TCP port before they start.
            let connect = try await net.run(
                in: .client, "python3",
                ["-c", "import socket; socket.create_connection(('sim', 57832), timeout=2).close(); print('ok')"])
            #expect(connect.output.contains("ok"), "\(connect.output)")
        }
    }

    @Test func simulatorListensOnlyOnceTheServerAnswers() async throws {
        let options = JobNetworkOptions(scenario: Self.simpleP2P, waitsForServer: true)
        try await withJobNetwork(label: "waitserver", options: options, logger: testLogger) { net in
            let connect = [
                "-c",
                "import socket\ntry:\n socket.create_connection(('sim', 57832), timeout=1).close(); print('open')\n"
                    + "except OSError: print('closed')",
            ]
            let before = try await net.run(in: .client, "python3", connect)
            #expect(before.output.contains("closed"), "no listener before the server is up")
            // A stand-in server that answers the simulator's probe with a Version Negotiation-like datagram.
            let responder =
                "import socket\ns = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); s.bind(('0.0.0.0', 443))\n"
                + "s.settimeout(5)\ndata, peer = s.recvfrom(2000); s.sendto(b'\\x80\\0\\0\\0\\0' + data[5:20], peer)"
            async let answered = net.run(in: .server, "python3", ["-c", responder])
            _ = try await answered
            var opened = false
            for _ in 0..<20 where !opened {
                opened = try await net.run(in: .client, "python3", connect).output.contains("open")
                if !opened { try await Task.sleep(for: .milliseconds(100)) }
            }
            #expect(opened, "the listener opens after the server answered")
        }
    }

    @Test func twoJobsWithIdenticalAddressesDoNotSeeEachOther() async throws {
        async let first = withJobNetwork(
            label: "twin1", options: JobNetworkOptions(scenario: Self.simpleP2P), logger: testLogger
        ) { net in
            try await Probe.transfer(
                net, from: .client, to: .server, address: SimulatorAddressing.serverIPv4, count: 30, pps: 50, idle: 1
            )["seqs"] as? [Int] ?? []
        }
        async let second = withJobNetwork(
            label: "twin2", options: JobNetworkOptions(scenario: Self.simpleP2P), logger: testLogger
        ) { net in
            try await Probe.transfer(
                net, from: .client, to: .server, address: SimulatorAddressing.serverIPv4, count: 50, pps: 50, idle: 1
            )["seqs"] as? [Int] ?? []
        }
        let (a, b) = try await (first, second)
        #expect(a == Array(1...30))
        #expect(b == Array(1...50))
    }

    @Test func teardownLeavesTheMachineAsBefore() async throws {
        let before = try MachineState.capture(label: "teardown")
        var stray: Int32 = 0
        try await withJobNetwork(
            label: "teardown", options: JobNetworkOptions(scenario: Self.simpleP2P, crossTraffic: true),
            logger: testLogger
        ) { net in
            // A process that outlives the command that started it must still be killed at teardown.
            let started = try await net.run(in: .client, "sh", ["-c", "sleep 300 >/dev/null 2>&1 & echo $!"])
            stray = Int32(started.output.trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0
            #expect(stray > 0 && kill(stray, 0) == 0)
            let during = try MachineState.capture(label: "teardown")
            #expect(during.namespaces.count == 5)
            #expect(during.folders.count == 4, "hosts files for every host but the simulator")
        }
        #expect(isGone(stray), "the stray process is gone")
        #expect(try MachineState.capture(label: "teardown") == before)
    }

    @Test func crossTrafficFlowsThroughTheBottleneck() async throws {
        let options = JobNetworkOptions(
            scenario: "simple-p2p --delay=5ms --bandwidth=10Mbps --queue=25", crossTraffic: true)
        try await withJobNetwork(label: "cross", options: options, logger: testLogger) { net in
            // Let the iperf flow fill the link, then see that QUIC-like UDP from the server competes with it.
            try await Task.sleep(for: .seconds(1))
            let report = try await Probe.transfer(
                net, from: .server, to: .client, address: SimulatorAddressing.clientIPv4, count: 300, size: 1000,
                pps: 300, idle: 1)
            let received = Probe.seqs(report).count
            #expect(received > 0 && received < 300, "UDP shares the 10 Mbit/s bottleneck: \(received)/300 arrive")
            let processes = try await net.run(in: .iperfClient, "sh", ["-c", "ls /proc/*/ns/net >/dev/null; echo ok"])
            #expect(processes.succeeded)
        }
    }

    @Test func cancellationStillTearsDown() async throws {
        let before = try MachineState.capture(label: "cancel")
        let (tags, continuation) = AsyncStream<String>.makeStream()
        let job = Task {
            try await withJobNetwork(
                label: "cancel", options: JobNetworkOptions(scenario: Self.simpleP2P), logger: testLogger
            ) { net in
                continuation.yield(net.tag)
                try await Task.sleep(for: .seconds(60))
            }
        }
        var iterator = tags.makeAsyncIterator()
        let tag = try #require(await iterator.next())
        #expect(FileManager.default.fileExists(atPath: "/run/netns/\(tag)-c"))
        job.cancel()
        await #expect(throws: CancellationError.self) { try await job.value }
        #expect(!FileManager.default.fileExists(atPath: "/run/netns/\(tag)-c"))
        #expect(try MachineState.capture(label: "cancel") == before)
    }

    @Test func failingBodyStillTearsDownAndRethrows() async throws {
        struct Failure: Error {}
        let before = try MachineState.capture(label: "fail")
        await #expect(throws: Failure.self) {
            try await withJobNetwork(
                label: "fail", options: JobNetworkOptions(scenario: Self.simpleP2P), logger: testLogger
            ) { _ in throw Failure() }
        }
        #expect(try MachineState.capture(label: "fail") == before)
    }

    @Test func badScenarioIsASimulatorErrorAndLeavesNothing() async throws {
        let before = try MachineState.capture(label: "bad")
        await #expect {
            try await withJobNetwork(
                label: "bad", options: JobNetworkOptions(scenario: "simple-p2p --delay=15ms"), logger: testLogger
            ) { _ in }
        } throws: { error in
            guard let error = error as? NetworkError else { return false }
            return error.code == .simulatorFailed && error.message.contains("bandwidth")
        }
        #expect(try MachineState.capture(label: "bad") == before)
    }

    @Test func reaperRemovesLeftoversOfAKilledRunOnly() async throws {
        // A pid that is not running stands for the killed runner.
        var deadPID: Int32 = 4_000_000
        while kill(deadPID, 0) == 0 || errno != ESRCH { deadPID += 1 }
        let dead = "qir-\(deadPID)xdead-job"
        let live = "qir-\(getpid())xlive-job"
        let setup = """
            set -e
            ip netns add \(dead)-c; ip netns add \(dead)-m; ip netns add \(live)-c
            ip link add eth0 netns \(dead)-c type veth peer name eth0 netns \(dead)-m
            mkdir -p /etc/netns/\(dead)-c && echo '127.0.0.1 localhost' > /etc/netns/\(dead)-c/hosts
            setsid ip netns exec \(dead)-m sleep 300 >/dev/null 2>&1 < /dev/null &
            sleep 0.3
            """
        let result = try await Subprocess.run(.path("/bin/sh"), arguments: ["-c", setup], output: .discarded)
        try #require(result.terminationStatus.isSuccess)
        defer { _ = unlinkNamespace(live + "-c") }
        let report = await NetworkReaper.reap(logger: testLogger)
        #expect(Set(report.namespaces).isSuperset(of: [dead + "-c", dead + "-m"]))
        #expect(!report.namespaces.contains(live + "-c"), "a live run's namespace stays")
        #expect(report.processes.count >= 1, "the sleep inside the dead run's namespace was killed")
        #expect(report.folders.contains("/etc/netns/\(dead)-c"))
        #expect(!FileManager.default.fileExists(atPath: "/run/netns/\(dead)-c"))
        #expect(!FileManager.default.fileExists(atPath: "/etc/netns/\(dead)-c"))
        #expect(FileManager.default.fileExists(atPath: "/run/netns/\(live)-c"))
        for pid in report.processes { #expect(isGone(pid)) }
    }

    /// Whether `pid` has exited (a zombie waiting for a parent outside this test counts as exited).
    private func isGone(_ pid: Int32) -> Bool {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
            let close = stat.lastIndex(of: ")")
        else { return true }
        return stat[stat.index(after: close)...].trimmingCharacters(in: .whitespaces).hasPrefix("Z")
    }

    private func unlinkNamespace(_ name: String) -> Bool {
        umount2("/run/netns/\(name)", Int32(MNT_DETACH)) == 0 && unlink("/run/netns/\(name)") == 0
    }
}
