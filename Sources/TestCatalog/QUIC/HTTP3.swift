public import Results

extension QUIC {
    /// The files are fetched over HTTP/3 instead of HTTP/0.9.
    ///
    /// Upstream `TestCaseHTTP3`.
    public struct HTTP3: QUICTestCase {
        /// Creates the test case.
        public init() {}

        public var descriptor: TestDescriptor {
            TestDescriptor(
                name: "http3",
                abbreviation: "3",
                description: "An H3 transaction succeeded.",
                isMeasurement: false
            )
        }

        public var fileSizes: [Int] { [5 * ByteCount.kB, 10 * ByteCount.kB, 500 * ByteCount.kB] }

        /// Upstream `TestCaseHTTP3.check`, the same requirements as `transfer`.
        public func check(_ context: CheckContext) -> CheckOutcome {
            context.judge { () throws(CheckStop) -> CheckOutcome in
                try QUIC.Transfer.verify(context)
                return .succeeded()
            }
        }
    }
}
