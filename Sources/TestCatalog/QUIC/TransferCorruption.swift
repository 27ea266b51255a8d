public import Results

extension QUIC {
    /// A transfer while 2 % of packets are corrupted.
    ///
    /// Upstream `TestCaseTransferCorruption`.
    public struct TransferCorruption: QUICTestCase {
        /// Creates the test case.
        public init() {}

        public var descriptor: TestDescriptor {
            TestDescriptor(
                name: "transfercorruption",
                abbreviation: "C2",
                description: "Transfer completes under moderate packet corruption.",
                isMeasurement: false
            )
        }

        /// Upstream derives this test case from `transferloss`; everything but the scenario is that test's.
        private var loss: TransferLoss { TransferLoss() }

        public func testcase(for perspective: Perspective) -> String { loss.testcase(for: perspective) }

        public var scenario: String {
            "corrupt-rate --delay=15ms --bandwidth=10Mbps --queue=25 --rate_to_server=2 "
                + "--rate_to_client=2 --burst_to_server=3 --burst_to_client=3"
        }

        public var fileSizes: [Int] { loss.fileSizes }

        /// Upstream `TestCaseTransferCorruption.check`, inherited from `transferloss`.
        public func check(_ context: CheckContext) -> CheckOutcome { loss.check(context) }
    }
}
