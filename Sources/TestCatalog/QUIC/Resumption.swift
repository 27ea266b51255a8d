public import Results

extension QUIC {
    /// A second connection resumes the first one's TLS session.
    ///
    /// Upstream `TestCaseResumption`.
    public struct Resumption: QUICTestCase {
        /// Creates the test case.
        public init() {}

        public var descriptor: TestDescriptor {
            TestDescriptor(
                name: "resumption",
                abbreviation: "R",
                description: "Connection is established using TLS Session Resumption.",
                isMeasurement: false
            )
        }

        public var fileSizes: [Int] { [5 * ByteCount.kB, 10 * ByteCount.kB] }
    }
}
