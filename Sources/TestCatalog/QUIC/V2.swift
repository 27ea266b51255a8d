public import Results

extension QUIC {
    /// The client starts with QUIC v1 and the server switches to v2 by compatible version negotiation.
    ///
    /// Upstream `TestCaseV2`.
    public struct V2: QUICTestCase {
        /// Creates the test case.
        public init() {}

        public var descriptor: TestDescriptor {
            TestDescriptor(
                name: "v2",
                abbreviation: "V2",
                description: "Server should select QUIC v2 in compatible version negotiation.",
                isMeasurement: false
            )
        }

        public var fileSizes: [Int] { [1 * ByteCount.kB] }
    }
}
