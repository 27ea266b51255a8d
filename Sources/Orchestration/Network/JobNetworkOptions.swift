/// How to build one job's network and simulator.
public struct JobNetworkOptions: Sendable {
    /// The scenario string passed to `interop-sim` (upstream's `SCENARIO`).
    public var scenario: String
    /// Seed of the simulator's impairments; `nil` picks a random one (reported in ``JobNetwork/seed``).
    public var seed: UInt64?
    /// Adds the iperf hosts and runs an iperf3 TCP (cubic) flow from the iperf server to the iperf client through
    /// the same bottleneck, as upstream's `crosstraffic` measurement.
    public var crossTraffic: Bool
    /// Folder for the simulator's output (`output.txt`) and captures (``SimulatorCapture``); `nil` keeps neither.
    public var simulatorLogDirectory: String?
    /// The `interop-sim` executable; `nil` finds it with ``InteropSimLocator``.
    public var simulatorExecutable: String?
    /// Upstream's `WAITFORSERVER=server:443`: the simulator opens TCP 57832 (which clients wait for) only once
    /// the server answers on UDP 443. Start the server inside the body first, then the client.
    public var waitsForServer: Bool
    /// Hosts whose network namespace already exists, as the namespace of this process (a Docker namespace holder):
    /// the network attaches it under the job's name instead of creating one, and leaves the process alive.
    public var attachedNamespaces: [NetworkHost: Int32] = [:]

    /// Creates options.
    public init(
        scenario: String, seed: UInt64? = nil, crossTraffic: Bool = false, simulatorLogDirectory: String? = nil,
        simulatorExecutable: String? = nil, waitsForServer: Bool = false
    ) {
        self.waitsForServer = waitsForServer
        self.scenario = scenario
        self.seed = seed
        self.crossTraffic = crossTraffic
        self.simulatorLogDirectory = simulatorLogDirectory
        self.simulatorExecutable = simulatorExecutable
    }
}
