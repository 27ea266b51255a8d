public import Results

extension QUIC {
    /// A transfer while the link drops everything for 2 s out of every 7 s.
    ///
    /// Upstream `TestCaseBlackhole`.
    public struct Blackhole: QUICTestCase {
        /// Creates the test case.
        public init() {}

        public var descriptor: TestDescriptor {
            TestDescriptor(
                name: "blackhole",
                abbreviation: "B",
                description: "Transfer succeeds despite underlying network blacking out for a few seconds.",
                isMeasurement: false
            )
        }

        public func testcase(for perspective: Perspective) -> String { "transfer" }

        public var scenario: String { "blackhole --delay=15ms --bandwidth=10Mbps --queue=25 --on=5s --off=2s" }

        public var fileSizes: [Int] { [10 * ByteCount.mB] }

        /// Upstream `TestCaseBlackhole.check`, the same requirements as `transfer`.
        public func check(_ context: CheckContext) -> CheckOutcome {
            context.judge { () throws(CheckStop) -> CheckOutcome in
                try QUIC.Transfer.verify(context)
                return .succeeded()
            }
        }
    }
}
