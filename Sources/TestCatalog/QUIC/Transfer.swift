public import Results

extension QUIC {
    /// Several files of a few megabytes over one connection, exercising flow control and stream multiplexing.
    ///
    /// Upstream `TestCaseTransfer`.
    public struct Transfer: QUICTestCase {
        /// Creates the test case.
        public init() {}

        public var descriptor: TestDescriptor {
            TestDescriptor(
                name: "transfer",
                abbreviation: "DC",
                description:
                    "Stream data is being sent and received correctly. Connection close completes "
                    + "with a zero error code.",
                isMeasurement: false
            )
        }

        public var fileSizes: [Int] { [2 * ByteCount.mB, 3 * ByteCount.mB, 5 * ByteCount.mB] }

        /// Upstream `TestCaseTransfer.check`: exactly one handshake, QUIC v1 and the files.
        public func check(_ context: CheckContext) -> CheckOutcome {
            context.judge { () throws(CheckStop) -> CheckOutcome in
                try Self.verify(context)
                return .succeeded()
            }
        }

        /// Upstream's requirements in its order; the rebinding and IPv6 test cases run them too.
        static func verify(_ context: CheckContext) throws(CheckStop) {
            try context.requireHandshakes(1)
            try context.requireVersionAndFiles()
        }
    }
}
