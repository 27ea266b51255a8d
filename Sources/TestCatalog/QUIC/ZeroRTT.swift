public import Results

extension QUIC {
    /// A resumed connection carries its requests in 0-RTT; the 250-letter names make those requests large.
    ///
    /// Upstream `TestCaseZeroRTT`.
    public struct ZeroRTT: QUICTestCase {
        /// Creates the test case.
        public init() {}

        public var descriptor: TestDescriptor {
            TestDescriptor(
                name: "zerortt",
                abbreviation: "Z",
                description: "0-RTT data is being sent and acted on.",
                isMeasurement: false
            )
        }

        public var fileNaming: FileNaming { .lowercase(length: 250) }

        public var fileSizes: [Int] { Array(repeating: 32, count: 40) }
    }
}
