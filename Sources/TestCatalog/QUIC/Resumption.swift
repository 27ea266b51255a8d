import QUICTrace
public import Results

extension QUIC {
    /// A second connection resumes the first one's TLS session.
    ///
    /// Upstream `TestCaseResumption`.
    public struct Resumption: QUICTestCase {
        /// Creates the test case.
        public init() {}

        public var descriptor: TestDescriptor {
            TestDescriptor(
                name: "resumption",
                abbreviation: "R",
                description: "Connection is established using TLS Session Resumption.",
                isMeasurement: false
            )
        }

        public var fileSizes: [Int] { [5 * ByteCount.kB, 10 * ByteCount.kB] }

        /// Upstream `TestCaseResumption.check`: key log, two handshakes, a Certificate in the first and none
        /// in the second (the server's Handshake packets in the client-side trace, by SCID), QUIC v1, the files.
        public func check(_ context: CheckContext) -> CheckOutcome {
            context.judge { () throws(CheckStop) -> CheckOutcome in
                try context.requireKeyLog()
                try context.requireHandshakes(2)
                let handshakes = try context.clientTrace().serverHandshakes
                guard handshakes.count <= 2 else {
                    throw .failed(
                        "server sent Handshake packets with \(handshakes.count) source connection IDs, expected 2")
                }
                if handshakes.count == 2, handshakes[1].certificate {
                    throw .failed("server sent a Certificate message in the second handshake")
                }
                guard handshakes.first?.certificate == true else {
                    throw .failed("found no Certificate message in the first handshake")
                }
                try context.requireVersionAndFiles()
                return .succeeded()
            }
        }
    }
}
