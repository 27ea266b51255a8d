/// Which of the simulator's two captures a check reads.
enum TraceSide: String, Sendable, Hashable {
    /// The capture next to the client (upstream `_client_trace()`, `sim/trace_node_left.pcap`).
    case client
    /// The capture next to the server (upstream `_server_trace()`, `sim/trace_node_right.pcap`).
    case server

    /// The capture's file name, for reasons.
    var fileName: String {
        switch self {
        case .client: "trace_node_left.pcap"
        case .server: "trace_node_right.pcap"
        }
    }
}
