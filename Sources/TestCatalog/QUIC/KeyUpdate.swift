public import Results

extension QUIC {
    /// The client initiates a key update and the server follows it.
    ///
    /// Upstream `TestCaseKeyUpdate`.
    public struct KeyUpdate: QUICTestCase {
        /// Creates the test case.
        public init() {}

        public var descriptor: TestDescriptor {
            TestDescriptor(
                name: "keyupdate",
                abbreviation: "U",
                description: "One of the two endpoints updates keys and the peer responds correctly.",
                isMeasurement: false
            )
        }

        public func testcase(for perspective: Perspective) -> String {
            perspective == .client ? "keyupdate" : "transfer"
        }

        public var fileSizes: [Int] { [3 * ByteCount.mB] }
    }
}
