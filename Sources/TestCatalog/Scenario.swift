/// Scenario strings of the network simulator shared by several test cases.
public enum Scenario {
    /// Upstream `TestCase.scenario()`: a 10 Mbit/s point-to-point link with 15 ms one-way delay.
    public static let `default` = "simple-p2p --delay=15ms --bandwidth=10Mbps --queue=25"
}
