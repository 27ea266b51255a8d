import QUICTrace
public import Results

extension QUIC {
    /// The client sends a ClientHello too large for one packet, as a post-quantum key share makes it, and the
    /// handshake completes: the ClientHello spans at least two Initial packets, with no Retry and one handshake.
    ///
    /// Beyond upstream, experimental: upstream's open pull request #497 (`TestCasePostQuantum`, for its issues #23
    /// and #305), a `TestCaseHandshake` whose check also requires one ClientHello carried by more than one QUIC
    /// packet. How the client enlarges its ClientHello is its choice (a post-quantum key share, a large greased
    /// transport parameter, padding). Both endpoints receive `postquantum`, the default `testname()` of a subclass of
    /// `TestCaseHandshake`; the server serves it as `handshake`.
    public struct PostQuantum: QUICTestCase {
        /// Creates the test case.
        public init() {}

        public var descriptor: TestDescriptor {
            TestDescriptor(
                name: "postquantum",
                abbreviation: "PQ",
                description: "Handshake completes with a ClientHello that spans at least two Initial packets.",
                isMeasurement: false
            )
        }

        public var status: TestCaseStatus { .experimental }

        public var fileSizes: [Int] { [1 * ByteCount.kB] }

        /// `handshake`'s requirements, then the client's first ClientHello in the client-side trace: its bytes
        /// arrived in at least two Initial packets (CRYPTO ranges counted per packet, retransmitted bytes not).
        public func check(_ context: CheckContext) -> CheckOutcome {
            context.judge { () throws(CheckStop) -> CheckOutcome in
                try Handshake.verify(context)
                guard let packets = try context.clientTrace().clientHelloInitialPackets.first else {
                    throw .failed("no complete ClientHello in the client's Initial packets")
                }
                guard packets >= 2 else {
                    throw .failed(
                        "the client's ClientHello fits in one Initial packet, expected it to span at least two")
                }
                return .succeeded()
            }
        }
    }
}
