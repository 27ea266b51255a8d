import QUICTrace
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

        /// Upstream `TestCaseAmplificationLimit.check`: key log, one handshake, QUIC v1, the file, at least
        /// 7500 bytes of Handshake CRYPTO from the server, and its anti-amplification accounting (server-side trace).
        public func check(_ context: CheckContext) -> CheckOutcome {
            context.judge { () throws(CheckStop) -> CheckOutcome in
                try context.requireKeyLog()
                try context.requireHandshakes(1)
                try context.requireVersionAndFiles()
                let trace = try context.serverTrace()
                guard trace.serverHandshakeCryptoEnd >= Self.minimumHandshakeCrypto else {
                    throw .failed(
                        "server sent \(trace.serverHandshakeCryptoEnd) bytes of Handshake CRYPTO data, expected at least "
                            + "\(Self.minimumHandshakeCrypto); is it using the provided certificate chain?")
                }
                switch trace.amplification.outcome {
                case .withinLimit:
                    return .succeeded()
                case .violated:
                    let detail = trace.amplification.log.dropLast().last.map { " (\($0))" } ?? ""
                    throw .failed(
                        "server sent more than 4 times what it received before the client's address was validated\(detail)"
                    )
                case .versionNegotiation:
                    throw .failed("unexpected Version Negotiation packet")
                case .unknownSender:
                    throw .failed("a QUIC packet came from neither the client's nor the server's address")
                case .undecided:
                    throw .failed("the client sent no Handshake packet")
                }
            }
        }

        /// Handshake CRYPTO bytes that show the server used the nine-certificate chain.
        static let minimumHandshakeCrypto: UInt64 = 7500
    }
}
