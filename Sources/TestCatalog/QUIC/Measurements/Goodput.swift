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

        /// Upstream `MeasurementGoodput.check`: as `transfer`, then the goodput in kbit/s over the time
        /// between the server's first and last 1-RTT packets in the client-side trace.
        public func check(_ context: CheckContext) -> CheckOutcome {
            context.judge { () throws(CheckStop) -> CheckOutcome in
                try QUIC.Transfer.verify(context)
                return .succeeded(value: try context.goodput(of: fileSizes.reduce(0, +)))
            }
        }
    }
}
