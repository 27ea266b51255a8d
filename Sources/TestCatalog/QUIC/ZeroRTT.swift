import QUICTrace
public import Results

extension QUIC {
    /// A resumed connection carries its requests in 0-RTT; the 250-letter names make those requests large.
    ///
    /// Upstream `TestCaseZeroRTT`.
    public struct ZeroRTT: QUICTestCase {
        /// Creates the test case.
        public init() {}

        public var descriptor: TestDescriptor {
            TestDescriptor(
                name: "zerortt",
                abbreviation: "Z",
                description: "0-RTT data is being sent and acted on.",
                isMeasurement: false
            )
        }

        public var fileNaming: FileNaming { .lowercase(length: Self.nameLength) }

        public var fileSizes: [Int] { Array(repeating: 32, count: 40) }

        /// Upstream's `FILENAMELEN`: long names make the requests large enough to need 0-RTT packets.
        static let nameLength = 250

        /// Upstream `TestCaseZeroRTT.check`: two handshakes, QUIC v1, the files, 0-RTT data from the client and
        /// at most half of the request names' bytes in its 1-RTT packets (client-side trace).
        public func check(_ context: CheckContext) -> CheckOutcome {
            context.judge { () throws(CheckStop) -> CheckOutcome in
                try context.requireHandshakes(2)
                try context.requireVersionAndFiles()
                let trace = try context.clientTrace()
                guard trace.zeroRTTPayloadBytes > 0 else { throw .failed("client sent no 0-RTT data") }
                let limit = Self.nameLength * fileSizes.count / 2
                guard trace.clientOneRTTPayloadBytes <= limit else {
                    throw .failed(
                        "client sent \(trace.clientOneRTTPayloadBytes) bytes in 1-RTT packets, expected at most \(limit)"
                    )
                }
                return .succeeded()
            }
        }
    }
}
