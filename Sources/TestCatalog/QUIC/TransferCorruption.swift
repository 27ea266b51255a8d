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

        public func testcase(for perspective: Perspective) -> String { "transfer" }

        public var scenario: String {
            "corrupt-rate --delay=15ms --bandwidth=10Mbps --queue=25 --rate_to_server=2 "
                + "--rate_to_client=2 --burst_to_server=3 --burst_to_client=3"
        }

        public var fileSizes: [Int] { [2 * ByteCount.mB] }

        /// Upstream `TestCaseTransferCorruption.check` (inherited from `transferloss`): as `transfer`.
        public func check(_ context: CheckContext) -> CheckOutcome {
            context.judge { () throws(CheckStop) -> CheckOutcome in
                try QUIC.Transfer.verify(context)
                return .succeeded()
            }
        }
    }
}
