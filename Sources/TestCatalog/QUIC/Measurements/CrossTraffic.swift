public import Results

extension QUIC {
    /// The goodput of one 25 MiB download while an iperf TCP cubic flow shares the link.
    ///
    /// Upstream `MeasurementCrossTraffic`.
    public struct CrossTraffic: QUICTestCase {
        /// Creates the measurement.
        public init() {}

        public var descriptor: TestDescriptor {
            TestDescriptor(
                name: "crosstraffic",
                abbreviation: "C",
                description: "Measures goodput over a 10Mbps link when competing with a TCP (cubic) connection.",
                isMeasurement: true,
                unit: "kbps"
            )
        }

        public func testcase(for perspective: Perspective) -> String { "transfer" }

        public var timeout: Duration { .seconds(180) }

        public var crossTraffic: IperfCrossTraffic? { IperfCrossTraffic(congestionControl: "cubic") }

        public var repetitions: Int { 5 }

        public var fileSizes: [Int] { [25 * ByteCount.mB] }

        /// Upstream `MeasurementCrossTraffic.check`, inherited from `goodput`.
        public func check(_ context: CheckContext) -> CheckOutcome {
            context.judge { () throws(CheckStop) -> CheckOutcome in
                try QUIC.Transfer.verify(context)
                return .succeeded(value: try context.goodput(of: fileSizes.reduce(0, +)))
            }
        }
    }
}
