/// Everything `interop-sim` needs to run one job's link.
public struct SimulatorConfiguration: Sendable {
    /// The scenario to emulate.
    public var scenario: Scenario
    /// Seed of every random decision; the same seed replays the same drop and corruption pattern.
    public var seed: UInt64
    /// The interface towards the client network.
    public var leftInterface: String
    /// The interface towards the server network.
    public var rightInterface: String
    /// Folder for the two captures (``SimulatorCapture``, pcapng); `nil` captures nothing.
    public var captureDirectory: String?
    /// Known hosts (IP address → MAC address) on either side, so that the first packet towards a host that has
    /// not sent anything yet can be delivered; others are learnt from the frames they send.
    public var neighbors: [IPAddress: MACAddress]
    /// Whether to listen on TCP 57832 (upstream endpoints wait for it).
    public var listensForReadiness: Bool
    /// Upstream's `WAITFORSERVER`: the server's address and UDP port. When set, the TCP listener opens only once
    /// the server answers a QUIC probe with Version Negotiation, so clients waiting for `sim:57832` start after
    /// the server; forwarding runs from the start.
    public var waitForServer: (address: String, port: UInt16)?
    /// How long to wait for the server before giving up (upstream: 10 s).
    public var waitForServerTimeout: Duration

    /// Creates a configuration.
    public init(
        scenario: Scenario, seed: UInt64, leftInterface: String = "eth0", rightInterface: String = "eth1",
        captureDirectory: String? = nil, neighbors: [IPAddress: MACAddress] = [:], listensForReadiness: Bool = true,
        waitForServer: (address: String, port: UInt16)? = nil, waitForServerTimeout: Duration = .seconds(10)
    ) {
        self.waitForServer = waitForServer
        self.waitForServerTimeout = waitForServerTimeout
        self.scenario = scenario
        self.seed = seed
        self.leftInterface = leftInterface
        self.rightInterface = rightInterface
        self.captureDirectory = captureDirectory
        self.neighbors = neighbors
        self.listensForReadiness = listensForReadiness
    }
}

/// A 48-bit Ethernet address.
public struct MACAddress: Hashable, Sendable, CustomStringConvertible {
    /// The address in the low 48 bits, first byte most significant.
    public var value: UInt64

    /// Creates an address from its 48-bit value.
    public init(value: UInt64) { self.value = value & 0xFFFF_FFFF_FFFF }

    /// Parses `02:00:00:00:00:01`.
    public init?(_ text: String) {
        let parts = text.split(separator: ":")
        guard parts.count == 6 else { return nil }
        var value: UInt64 = 0
        for part in parts {
            guard part.count == 2, let byte = UInt8(part, radix: 16) else { return nil }
            value = value << 8 | UInt64(byte)
        }
        self.value = value
    }

    public var description: String {
        (0..<6).map { index in
            let byte = UInt8(truncatingIfNeeded: value >> UInt64((5 - index) * 8))
            return (byte < 16 ? "0" : "") + String(byte, radix: 16)
        }.joined(separator: ":")
    }
}
