import Results

/// Which of the simulator's two captures a check reads.
enum TraceSide: String, Sendable, Hashable {
    /// The capture next to the client (upstream `_client_trace()`).
    case client
    /// The capture next to the server (upstream `_server_trace()`).
    case server

    /// The capture's file name, for reasons.
    var fileName: String {
        switch self {
        case .client: SimulatorCapture.clientSide
        case .server: SimulatorCapture.serverSide
        }
    }
}
