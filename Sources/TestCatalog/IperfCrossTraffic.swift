/// A TCP flow that competes with the QUIC connection on the simulated link (upstream's `iperf_server` and
/// `iperf_client` containers of `docker-compose.yml`).
///
/// The iperf client sits on the client's side and sends to the iperf server on the server's side, so the TCP
/// flow shares the bottleneck with the QUIC transfer.
public struct IperfCrossTraffic: Sendable, Hashable, Codable {
    /// The TCP congestion controller (`IPERF_CONGESTION`), `cubic` upstream.
    public var congestionControl: String

    /// Creates a cross-traffic description.
    public init(congestionControl: String) {
        self.congestionControl = congestionControl
    }

    /// The environment upstream passes to both iperf containers.
    public var environment: [String: String] { ["IPERF_CONGESTION": congestionControl] }

    /// The compose services upstream starts in addition to `sim`, `client` and `server`.
    public static let upstreamContainers = ["iperf_server", "iperf_client"]
    /// The image of both iperf endpoints upstream.
    public static let upstreamImage = "martenseemann/quic-interop-iperf-endpoint"
}
