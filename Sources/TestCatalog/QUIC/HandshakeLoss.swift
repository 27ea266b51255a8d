public import Results

extension QUIC {
    /// Fifty connections, one file each, while 30 % of packets are dropped.
    ///
    /// Upstream `TestCaseHandshakeLoss`.
    public struct HandshakeLoss: QUICTestCase {
        /// Creates the test case.
        public init() {}

        public var descriptor: TestDescriptor {
            TestDescriptor(
                name: "handshakeloss",
                abbreviation: "L1",
                description: "Handshake completes under extreme packet loss.",
                isMeasurement: false
            )
        }

        public func testcase(for perspective: Perspective) -> String { "multiconnect" }

        public var timeout: Duration { .seconds(300) }

        public var scenario: String {
            "drop-rate --delay=15ms --bandwidth=10Mbps --queue=25 --rate_to_server=30 "
                + "--rate_to_client=30 --burst_to_server=3 --burst_to_client=3"
        }

        public var fileSizes: [Int] { Array(repeating: 1 * ByteCount.kB, count: 50) }

        /// Upstream `TestCaseHandshakeLoss.check`: one handshake per file, QUIC v1 and the files.
        public func check(_ context: CheckContext) -> CheckOutcome {
            context.judge { () throws(CheckStop) -> CheckOutcome in
                try context.requireHandshakes(fileSizes.count)
                try context.requireVersionAndFiles()
                return .succeeded()
            }
        }
    }
}
