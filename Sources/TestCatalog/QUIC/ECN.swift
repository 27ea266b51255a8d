public import Results

extension QUIC {
    /// Both endpoints mark packets ECT(0)/ECT(1) and report ECN counts in ACKs.
    /// Upstream inherits the handshake's description, so this one repeats it.
    ///
    /// Upstream `TestCaseECN`.
    public struct ECN: QUICTestCase {
        /// Creates the test case.
        public init() {}

        public var descriptor: TestDescriptor {
            TestDescriptor(
                name: "ecn",
                abbreviation: "E",
                description: "Handshake completes successfully.",
                isMeasurement: false
            )
        }

        public var fileSizes: [Int] { [100 * ByteCount.kB] }
    }
}
