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

        /// Upstream `TestCaseHandshake.check`: QUIC v1 and the file, no Retry, exactly one handshake.
        public func check(_ context: CheckContext) -> CheckOutcome {
            context.judge { () throws(CheckStop) -> CheckOutcome in
                try Self.verify(context)
                return .succeeded()
            }
        }

        /// Upstream's requirements in its order; `ecn` runs them too.
        static func verify(_ context: CheckContext) throws(CheckStop) {
            try context.requireVersionAndFiles()
            try context.requireNoRetry()
            try context.requireHandshakes(1)
        }
    }
}
