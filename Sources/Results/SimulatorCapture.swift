/// The file names of the simulator's two packet captures, as upstream's simulator writes them (`sim/run.sh`:
/// `dumpcap -i eth0 -w /logs/trace_node_left.pcap`, likewise `eth1`), in the job's `sim/` folder.
///
/// Upstream keeps the `.pcap` names although dumpcap and `editcap --inject-secrets` write pcapng; so does this
/// project, whose captures are pcapng with the key log embedded. The one definition of these names: the simulator,
/// the job runner, the checks, the reports and the tests read them from here.
public enum SimulatorCapture {
    /// The capture on the client's side of the link (the simulator's `eth0`, upstream `_client_trace()`).
    public static let clientSide = "trace_node_left.pcap"
    /// The capture on the server's side of the link (the simulator's `eth1`, upstream `_server_trace()`).
    public static let serverSide = "trace_node_right.pcap"
}
