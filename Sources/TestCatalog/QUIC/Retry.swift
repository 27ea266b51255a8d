public import Results

extension QUIC {
    /// The server sends a Retry and the client continues with its token.
    ///
    /// Upstream `TestCaseRetry`.
    public struct Retry: QUICTestCase {
        /// Creates the test case.
        public init() {}

        public var descriptor: TestDescriptor {
            TestDescriptor(
                name: "retry",
                abbreviation: "S",
                description:
                    "Server sends a Retry, and a subsequent connection using the Retry token "
                    + "completes successfully.",
                isMeasurement: false
            )
        }

        public var fileSizes: [Int] { [10 * ByteCount.kB] }
    }
}
