public import Results

extension QUIC {
    /// A transfer addressed to `server6`, so only IPv6 may be used.
    ///
    /// Upstream `TestCaseIPv6`.
    public struct IPv6: QUICTestCase {
        /// Creates the test case.
        public init() {}

        public var descriptor: TestDescriptor {
            TestDescriptor(
                name: "ipv6",
                abbreviation: "6",
                description: "A transfer across an IPv6-only network succeeded.",
                isMeasurement: false
            )
        }

        public func testcase(for perspective: Perspective) -> String { "transfer" }

        public var requestHost: String { "server6" }

        public var fileSizes: [Int] { [5 * ByteCount.kB, 10 * ByteCount.kB] }
    }
}
