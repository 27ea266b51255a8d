public import Results

extension QUIC {
    /// The goodput of one 10 MiB download, in kbit/s.
    ///
    /// Upstream `MeasurementGoodput`.
    public struct Goodput: QUICTestCase {
        /// Creates the measurement.
        public init() {}

        public var descriptor: TestDescriptor {
            TestDescriptor(
                name: "goodput",
                abbreviation: "G",
                description: "Measures connection goodput over a 10Mbps link.",
                isMeasurement: true,
                unit: "kbps"
            )
        }

        public func testcase(for perspective: Perspective) -> String { "transfer" }

        public var repetitions: Int { 5 }

        public var fileSizes: [Int] { [10 * ByteCount.mB] }
    }
}
