import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// One job's isolated network: a namespace per host, veths named `eth0` (and `eth1` on the simulator) inside
/// them, upstream's addresses and routes, per-host hosts files, and `interop-sim` between the two sides.
///
/// Obtain one with ``withJobNetwork(label:options:logger:_:)``; it is valid only inside that call. Every name
/// starts with ``tag``: `qir-<pid>x<random>-<label>`, so ``NetworkReaper`` can tell a dead run's leftovers.
public struct JobNetwork: Sendable {
    /// The prefix of everything the runner creates.
    public static let namePrefix = "qir-"

    /// The token of this process's run: its pid (so the reaper can tell whether the owner is alive) and a random
    /// part (so names never repeat across pid reuse).
    public static let runToken: String = "\(getpid())x\(String(UInt32.random(in: 0x1000...0xFFFF), radix: 16))"

    /// Networks created by this process so far; makes every tag unique.
    private static let created = Atomic<Int>(0)

    /// The common prefix of this job's namespaces, e.g. `qir-4711x9f3a-handshake-3`.
    public let tag: String
    /// The hosts of this network (the iperf hosts only with cross traffic).
    public let hosts: [NetworkHost]
    /// The seed `interop-sim` uses; replaying a job with it reproduces the drop pattern.
    public let seed: UInt64
    /// The scenario string the simulator runs.
    public let scenario: String
    /// Hosts whose namespace is a Docker holder's (by its pid), attached instead of created.
    let attached: [NetworkHost: Int32]

    /// Names the job's namespaces (nothing is created yet) and fixes its seed.
    init(label: String, options: JobNetworkOptions) {
        let cleaned = String(label.lowercased().map { $0.isLetter || $0.isNumber ? $0 : "_" }.prefix(32))
        let number = Self.created.add(1, ordering: .relaxed).newValue
        tag = "\(Self.namePrefix)\(Self.runToken)-\(cleaned)-\(number)"
        hosts = options.crossTraffic ? NetworkHost.allCases : [.client, .server, .simulator]
        seed = options.seed ?? UInt64.random(in: 0...UInt64(Int64.max))
        scenario = options.scenario
        attached = options.attachedNamespaces
    }

    /// The network namespace name of `host` (as `ip netns` lists it).
    public func namespace(_ host: NetworkHost) -> String { "\(tag)-\(host.rawValue)" }

    /// The namespace file of `host`, for `setns(2)` or `nsenter --net=`.
    public func namespacePath(_ host: NetworkHost) -> String { "/run/netns/" + namespace(host) }

    /// The hosts file of `host` (`server`, `server4`, `server6`, `server46`, `sim`, …). `ip netns exec` binds it
    /// over `/etc/hosts` in the command's own mount namespace, which ``command(in:_:_:)`` relies on.
    public func hostsFile(_ host: NetworkHost) -> String { "/etc/netns/\(namespace(host))/hosts" }

    /// The command line that runs `executable` with `arguments` inside `host`'s network namespace, with the
    /// job's hosts file as `/etc/hosts`: `ip netns exec <namespace> <executable> <arguments…>`. `ip` replaces
    /// itself with the command, so the process id is the command's.
    public func command(in host: NetworkHost, _ executable: String, _ arguments: [String] = [])
        -> (executable: String, arguments: [String])
    {
        (IPCommand.path, ["netns", "exec", namespace(host), executable] + arguments)
    }
}
