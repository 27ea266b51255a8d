import Results
import Testing

/// The one place that restates upstream's addresses and capture names as literals, transcribed from upstream's
/// `docker-compose.yml` (quic-interop-runner) and `sim/run.sh` (quic-network-simulator); everything else reads the
/// constants.
@Suite struct UpstreamNamesTests {
    @Test func addressesAreUpstreams() {
        #expect(SimulatorAddressing.clientIPv4 == "193.167.0.100")
        #expect(SimulatorAddressing.clientIPv6 == "fd00:cafe:cafe:0::100")
        #expect(SimulatorAddressing.serverIPv4 == "193.167.100.100")
        #expect(SimulatorAddressing.serverIPv6 == "fd00:cafe:cafe:100::100")
        #expect(SimulatorAddressing.simLeftIPv4 == "193.167.0.2")
        #expect(SimulatorAddressing.simLeftIPv6 == "fd00:cafe:cafe:0::2")
        #expect(SimulatorAddressing.simRightIPv4 == "193.167.100.2")
        #expect(SimulatorAddressing.simRightIPv6 == "fd00:cafe:cafe:100::2")
        #expect(SimulatorAddressing.iperfClientIPv4 == "193.167.0.90")
        #expect(SimulatorAddressing.iperfClientIPv6 == "fd00:cafe:cafe:0::90")
        #expect(SimulatorAddressing.iperfServerIPv4 == "193.167.100.110")
        #expect(SimulatorAddressing.iperfServerIPv6 == "fd00:cafe:cafe:100::110")
        // The subnets 193.167.0.0/24, fd00:cafe:cafe:0::/64 (left) and 193.167.100.0/24, fd00:cafe:cafe:100::/64.
        #expect(SimulatorAddressing.leftIPv4Prefix + ".0" == "193.167.0.0")
        #expect(SimulatorAddressing.rightIPv4Prefix + ".0" == "193.167.100.0")
        #expect(SimulatorAddressing.leftIPv6Prefix + "::" == "fd00:cafe:cafe:0::")
        #expect(SimulatorAddressing.rightIPv6Prefix + "::" == "fd00:cafe:cafe:100::")
        // Upstream's endpoint setup.sh routes both networks through the simulator.
        #expect(SimulatorAddressing.ipv4Network == "193.167.0.0/16")
        #expect(SimulatorAddressing.ipv6Network == "fd00:cafe:cafe::/48")
        #expect(SimulatorAddressing.readinessPort == 57832)
    }

    @Test func captureNamesAreUpstreams() {
        #expect(SimulatorCapture.clientSide == "trace_node_left.pcap")
        #expect(SimulatorCapture.serverSide == "trace_node_right.pcap")
    }
}
