public import Results

extension QUIC {
    /// Fifty connections, one file each, while 30 % of packets are corrupted.
    ///
    /// Upstream `TestCaseHandshakeCorruption`.
    public struct HandshakeCorruption: QUICTestCase {
        /// Creates the test case.
        public init() {}

        public var descriptor: TestDescriptor {
            TestDescriptor(
                name: "handshakecorruption",
                abbreviation: "C1",
                description: "Handshake completes under extreme packet corruption.",
                isMeasurement: false
            )
        }

        /// Upstream derives this test case from `handshakeloss`; everything but the scenario is that test's.
        private var loss: HandshakeLoss { HandshakeLoss() }

        public func testcase(for perspective: Perspective) -> String { loss.testcase(for: perspective) }

        public var timeout: Duration { loss.timeout }

        public var scenario: String {
            "corrupt-rate --delay=15ms --bandwidth=10Mbps --queue=25 --rate_to_server=30 "
                + "--rate_to_client=30 --burst_to_server=3 --burst_to_client=3"
        }

        public var fileSizes: [Int] { loss.fileSizes }

        /// Upstream `TestCaseHandshakeCorruption.check`, inherited from `handshakeloss`.
        public func check(_ context: CheckContext) -> CheckOutcome { loss.check(context) }
    }
}
