public import Results

extension QUIC {
    /// The handshake completes, with exactly one connection and no Retry.
    ///
    /// Upstream `TestCaseHandshake`.
    public struct Handshake: QUICTestCase {
        /// Creates the test case.
        public init() {}

        public var descriptor: TestDescriptor {
            TestDescriptor(
                name: "handshake",
                abbreviation: "H",
                description: "Handshake completes successfully.",
                isMeasurement: false
            )
        }

        public var fileSizes: [Int] { [1 * ByteCount.kB] }
    }
}
