public import Results

extension QUIC {
    /// 1999 tiny files over one connection (upstream's `range(1, 2000)`), so the server must raise stream limits.
    ///
    /// Upstream `TestCaseMultiplexing`.
    public struct Multiplexing: QUICTestCase {
        /// Creates the test case.
        public init() {}

        public var descriptor: TestDescriptor {
            TestDescriptor(
                name: "multiplexing",
                abbreviation: "M",
                description:
                    "Thousands of files are transferred over a single connection, and server "
                    + "increased stream limits to accomodate client requests.",
                isMeasurement: false
            )
        }

        public func testcase(for perspective: Perspective) -> String { "transfer" }

        public var fileSizes: [Int] { Array(repeating: 32, count: 1999) }
    }
}
