import NetworkSimulator
import Results

#if canImport(Glibc)
    import Glibc
#endif

extension JobNetwork {
    /// Creates the namespaces, veths (bridged on the simulator side when there are two hosts per network),
    /// addresses, routes (as upstream's `endpoint/setup.sh`), static neighbours and hosts files.
    func create() async throws(NetworkError) {
        let crossTraffic = hosts.contains(.iperfClient)
        var global = hosts.map { host in
            attached[host].map { "netns attach \(namespace(host)) \($0)" } ?? "netns add \(namespace(host))"
        }
        let simulator = namespace(.simulator)
        if crossTraffic {
            global += [
                "link add eth0 netns \(namespace(.client)) type veth peer name lc netns \(simulator)",
                "link add eth0 netns \(namespace(.iperfClient)) type veth peer name lic netns \(simulator)",
                "link add eth0 netns \(namespace(.server)) type veth peer name rs netns \(simulator)",
                "link add eth0 netns \(namespace(.iperfServer)) type veth peer name ris netns \(simulator)",
            ]
        } else {
            global += [
                "link add eth0 netns \(namespace(.client)) type veth peer name eth0 netns \(simulator)",
                "link add eth0 netns \(namespace(.server)) type veth peer name eth1 netns \(simulator)",
            ]
        }
        try await IPCommand.batch(global)
        let simulatorInterfaces = crossTraffic ? ["lc", "lic", "rs", "ris"] : ["eth0", "eth1"]
        for host in hosts {
            var sysctls: [(path: String, value: String)] = [
                ("net/ipv6/conf/all/accept_dad", "0"), ("net/ipv6/conf/default/accept_dad", "0"),
            ]
            for interface in host == .simulator ? simulatorInterfaces : ["eth0"] {
                sysctls.append(("net/ipv6/conf/\(interface)/accept_dad", "0"))
            }
            if attached[host] != nil {
                // Docker turns IPv6 off in a container without an IPv6 network; upstream's networks have it on.
                sysctls += ["all", "default", "eth0"].map { ("net/ipv6/conf/\($0)/disable_ipv6", "0") }
            }
            if host == .simulator {
                // Only interop-sim may move packets between the two sides.
                sysctls += [("net/ipv4/ip_forward", "0"), ("net/ipv6/conf/all/forwarding", "0")]
            }
            do {
                try NamespaceConfigurator.configure(
                    namespacePath: namespacePath(host), sysctls: sysctls,
                    endpointInterfaces: host == .simulator ? [] : ["eth0"])
            } catch {
                throw NetworkError(.namespaceConfiguration, error.description)
            }
        }
        do {
            try await withThrowingTaskGroup(of: Void.self) { group in
                for host in hosts {
                    let commands =
                        host == .simulator
                        ? simulatorCommands(crossTraffic: crossTraffic)
                        : endpointCommands(host, routes: attached[host] == nil)
                    let name = namespace(host)
                    group.addTask { try await IPCommand.batch(commands, namespace: name) }
                }
                try await group.waitForAll()
            }
        } catch let error as NetworkError {
            throw error
        } catch {
            throw NetworkError(.commandFailed, "\(error)")
        }
        for host in hosts where host != .simulator {
            try writeHostsFile(for: host)
        }
    }

    /// `ip` commands inside an endpoint: address, static neighbour for the simulator and, with `routes`, upstream's
    /// routes (both networks via the simulator, the on-link /24 and /64 removed). A container's namespace gets what
    /// Docker's network would give it, and its image's `/setup.sh` sets the routes, as upstream's images expect to.
    private func endpointCommands(_ host: NetworkHost, routes: Bool) -> [String] {
        let isLeft = host.isLeft
        let gateway4 = isLeft ? SimulatorAddressing.simLeftIPv4 : SimulatorAddressing.simRightIPv4
        let gateway6 = isLeft ? SimulatorAddressing.simLeftIPv6 : SimulatorAddressing.simRightIPv6
        let prefix4 = isLeft ? SimulatorAddressing.leftIPv4Prefix : SimulatorAddressing.rightIPv4Prefix
        let prefix6 = isLeft ? SimulatorAddressing.leftIPv6Prefix : SimulatorAddressing.rightIPv6Prefix
        let gatewayMAC = NetworkHost.mac(forIPv4: gateway4)
        let addresses = [
            "link set lo up",
            "link set eth0 address \(host.mac) up",
            "addr add \(host.ipv4)/24 dev eth0",
            "addr add \(host.ipv6)/64 dev eth0 nodad",
            "neigh replace \(gateway4) lladdr \(gatewayMAC) dev eth0 nud permanent",
            "neigh replace \(gateway6) lladdr \(gatewayMAC) dev eth0 nud permanent",
        ]
        guard routes else { return addresses }
        return addresses + [
            "route add \(SimulatorAddressing.ipv4Network) via \(gateway4) dev eth0",
            "route del \(prefix4).0/24 dev eth0",
            "route add \(SimulatorAddressing.ipv6Network) via \(gateway6) dev eth0",
            "route del \(prefix6)::/64 dev eth0",
        ]
    }

    /// Puts a container host's `eth0` back as the network made it, without routes through the simulator: an image's
    /// `/setup.sh` changes them, and a compliance check's container must not leave that to the endpoint that follows.
    /// Taking the link down drops every route and neighbour on it; the addresses go first so they can be added again.
    func restoreAddressing(of host: NetworkHost) async throws(NetworkError) {
        try await IPCommand.batch(
            ["addr flush dev eth0 scope global", "link set eth0 down"] + endpointCommands(host, routes: false),
            namespace: namespace(host))
    }

    /// `ip` commands inside the simulator: `eth0`/`eth1` (bridges over the veths with cross traffic), its
    /// `.2` addresses and static neighbours for every endpoint.
    private func simulatorCommands(crossTraffic: Bool) -> [String] {
        var commands = ["link set lo up"]
        if crossTraffic {
            for (bridge, ports) in [("eth0", ["lc", "lic"]), ("eth1", ["rs", "ris"])] {
                commands.append("link add \(bridge) type bridge")
                for port in ports { commands += ["link set \(port) master \(bridge)", "link set \(port) up"] }
            }
        }
        let left = NetworkHost.mac(forIPv4: SimulatorAddressing.simLeftIPv4)
        let right = NetworkHost.mac(forIPv4: SimulatorAddressing.simRightIPv4)
        commands += [
            "link set eth0 address \(left) up",
            "link set eth1 address \(right) up",
            "addr add \(SimulatorAddressing.simLeftIPv4)/24 dev eth0",
            "addr add \(SimulatorAddressing.simLeftIPv6)/64 dev eth0 nodad",
            "addr add \(SimulatorAddressing.simRightIPv4)/24 dev eth1",
            "addr add \(SimulatorAddressing.simRightIPv6)/64 dev eth1 nodad",
        ]
        for host in hosts where host != .simulator {
            let device = host.isLeft ? "eth0" : "eth1"
            commands += [
                "neigh replace \(host.ipv4) lladdr \(host.mac) dev \(device) nud permanent",
                "neigh replace \(host.ipv6) lladdr \(host.mac) dev \(device) nud permanent",
            ]
        }
        return commands
    }

    /// The `--neighbor` arguments for `interop-sim`: every endpoint's addresses and MAC.
    var simulatorNeighborArguments: [String] {
        hosts.filter { $0 != .simulator }.flatMap { host in
            ["--neighbor", "\(host.ipv4)=\(host.mac)", "--neighbor", "\(host.ipv6)=\(host.mac)"]
        }
    }

    /// Writes `host`'s hosts file with upstream's names (docker-compose `extra_hosts` and container names).
    private func writeHostsFile(for host: NetworkHost) throws(NetworkError) {
        let isLeft = host.isLeft
        let sim = isLeft ? SimulatorAddressing.simLeftIPv4 : SimulatorAddressing.simRightIPv4
        var lines = [
            "127.0.0.1 localhost",
            "::1 localhost ip6-localhost ip6-loopback",
            "\(sim) sim",
        ]
        switch host {
        case .client, .server, .simulator:
            lines += [
                "\(SimulatorAddressing.serverIPv4) server server4 server46",
                "\(SimulatorAddressing.serverIPv6) server server6 server46",
                "\(SimulatorAddressing.clientIPv4) client",
                "\(SimulatorAddressing.clientIPv6) client",
            ]
        case .iperfClient:
            lines += [
                "\(SimulatorAddressing.iperfServerIPv4) server4 server46",
                "\(SimulatorAddressing.iperfServerIPv6) server6 server46",
            ]
        case .iperfServer:
            lines += [
                "\(SimulatorAddressing.iperfClientIPv4) client4 client46",
                "\(SimulatorAddressing.clientIPv6) client6 client46",
            ]
        }
        let folder = "/etc/netns/\(namespace(host))"
        mkdir("/etc/netns", 0o755)
        guard mkdir(folder, 0o755) == 0 || errno == EEXIST else {
            throw NetworkError(.commandFailed, "cannot create \(folder): \(String(cString: strerror(errno)))")
        }
        let text = lines.joined(separator: "\n") + "\n"
        let path = hostsFile(host)
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
            throw NetworkError(.commandFailed, "cannot write \(path): \(String(cString: strerror(errno)))")
        }
        defer { close(fd) }
        let written = text.utf8CString.withUnsafeBytes { write(fd, $0.baseAddress, $0.count - 1) }
        guard written == text.utf8.count else {
            throw NetworkError(.commandFailed, "cannot write \(path): \(String(cString: strerror(errno)))")
        }
    }

    /// Kills every process left in the job's namespaces and removes them (and their veths and hosts files). An
    /// attached namespace outlives the job with its holder: its `eth0` is deleted (with its peer) so it is as new.
    func destroy() async throws(NetworkError) {
        for host in attached.keys.sorted(by: { $0.rawValue < $1.rawValue }) {
            // A failure leaves `eth0` behind, which the holder pool sees and then discards the holder.
            _ = try? await IPCommand.batch(["link delete eth0"], namespace: namespace(host))
        }
        let (_, survivors) = await NamespaceCleaner.remove(
            namespaces: hosts.map(namespace), sparing: Set(attached.values))
        guard survivors.isEmpty else {
            throw NetworkError(.teardownIncomplete, "processes \(survivors) in \(tag) did not exit after SIGKILL")
        }
    }
}
