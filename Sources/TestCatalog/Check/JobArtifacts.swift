public import struct Foundation.URL

/// What a finished job left behind besides its directories: the packet traces and key logs that the
/// trace-based checks read.
public struct JobArtifacts: Sendable, Hashable, Codable {
    /// The capture on the client's side of the simulated link (`sim/` ``SimulatorCapture/clientSide``).
    public var clientSideTrace: URL?
    /// The capture on the server's side of the simulated link (`sim/` ``SimulatorCapture/serverSide``).
    public var serverSideTrace: URL?
    /// The client's `SSLKEYLOGFILE`.
    public var clientKeyLog: URL?
    /// The server's `SSLKEYLOGFILE`.
    public var serverKeyLog: URL?

    /// Creates a set of artifacts; any of them may be missing.
    public init(
        clientSideTrace: URL? = nil,
        serverSideTrace: URL? = nil,
        clientKeyLog: URL? = nil,
        serverKeyLog: URL? = nil
    ) {
        self.clientSideTrace = clientSideTrace
        self.serverSideTrace = serverSideTrace
        self.clientKeyLog = clientKeyLog
        self.serverKeyLog = serverKeyLog
    }
}
