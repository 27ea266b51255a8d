import QUICTrace
public import Results

extension QUIC {
    /// The client initiates a key update and the server follows it.
    ///
    /// Upstream `TestCaseKeyUpdate`.
    public struct KeyUpdate: QUICTestCase {
        /// Creates the test case.
        public init() {}

        public var descriptor: TestDescriptor {
            TestDescriptor(
                name: "keyupdate",
                abbreviation: "U",
                description: "One of the two endpoints updates keys and the peer responds correctly.",
                isMeasurement: false
            )
        }

        public func testcase(for perspective: Perspective) -> String {
            perspective == .client ? "keyupdate" : "transfer"
        }

        public var fileSizes: [Int] { [3 * ByteCount.mB] }

        /// Upstream `TestCaseKeyUpdate.check`: key log, one handshake, QUIC v1, the file, and 1-RTT packets
        /// with key phase 1 from the client (client-side trace) and from the server (server-side trace).
        public func check(_ context: CheckContext) -> CheckOutcome {
            context.judge { () throws(CheckStop) -> CheckOutcome in
                try context.requireKeyLog()
                try context.requireHandshakes(1)
                try context.requireVersionAndFiles()
                let client = try context.clientTrace().keyPhaseCounts[.fromClient] ?? [0, 0]
                let server = try context.serverTrace().keyPhaseCounts[.fromServer] ?? [0, 0]
                guard client[1] > 0, server[1] > 0 else {
                    throw .failed(
                        "expected key phase 1 packets from both sides; client sent \(client[0]) in phase 0 and \(client[1]) in "
                            + "phase 1, server \(server[0]) and \(server[1])")
                }
                return .succeeded()
            }
        }
    }
}
