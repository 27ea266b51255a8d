public import Results

extension QUIC {
    /// A nine-certificate chain and dropped client packets tempt the server past three times what it received.
    ///
    /// Upstream `TestCaseAmplificationLimit`.
    public struct AmplificationLimit: QUICTestCase {
        /// Creates the test case.
        public init() {}

        public var descriptor: TestDescriptor {
            TestDescriptor(
                name: "amplificationlimit",
                abbreviation: "A",
                description: "The server obeys the 3x amplification limit.",
                isMeasurement: false
            )
        }

        public func testcase(for perspective: Perspective) -> String { "transfer" }

        public var certificateChainLength: Int { 9 }

        public var scenario: String {
            "droplist --delay=15ms --bandwidth=10Mbps --queue=25 "
                + "--drops_to_server=2,3,4,5,6,7"
        }

        public var fileSizes: [Int] { [5 * ByteCount.kB] }
    }
}
