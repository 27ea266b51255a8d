import QUICTrace
public import Results

extension QUIC {
    /// The handshake over a 1.5 s round trip, where the client must retransmit its ClientHello.
    ///
    /// Upstream `TestCaseLongRTT`.
    public struct LongRTT: QUICTestCase {
        /// Creates the test case.
        public init() {}

        public var descriptor: TestDescriptor {
            TestDescriptor(
                name: "longrtt",
                abbreviation: "LR",
                description: "Handshake completes when RTT is long.",
                isMeasurement: false
            )
        }

        public func testcase(for perspective: Perspective) -> String { "handshake" }

        public var scenario: String { "simple-p2p --delay=750ms --bandwidth=10Mbps --queue=25" }

        public var fileSizes: [Int] { [1 * ByteCount.kB] }

        /// Upstream `TestCaseLongRTT.check`: as `transfer`, and the client sent its ClientHello at least twice.
        public func check(_ context: CheckContext) -> CheckOutcome {
            context.judge { () throws(CheckStop) -> CheckOutcome in
                try context.requireHandshakes(1)
                try context.requireVersionAndFiles()
                let hellos = try context.clientTrace().clientHelloPackets
                guard hellos >= 2 else { throw .failed("expected at least 2 ClientHellos, saw \(hellos)") }
                return .succeeded()
            }
        }
    }
}
