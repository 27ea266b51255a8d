public import Results

extension QUIC {
    /// A transfer while the simulator's NAT changes the client's port every 5 s.
    ///
    /// Upstream `TestCasePortRebinding`.
    public struct PortRebinding: QUICTestCase {
        /// Creates the test case.
        public init() {}

        public var descriptor: TestDescriptor {
            TestDescriptor(
                name: "rebind-port",
                abbreviation: "BP",
                description: "Transfer completes under frequent port rebindings on the client side.",
                isMeasurement: false
            )
        }

        public func testcase(for perspective: Perspective) -> String { "transfer" }

        public var scenario: String {
            "rebind --delay=15ms --bandwidth=10Mbps --queue=25 --first-rebind=1s "
                + "--rebind-freq=5s"
        }

        public var fileSizes: [Int] { [10 * ByteCount.mB] }
    }
}
