import QUICTrace
public import Results

extension QUIC {
    /// A transfer while the simulator's NAT changes the client's port every 5 s.
    ///
    /// Upstream `TestCasePortRebinding`.
    public struct PortRebinding: QUICTestCase {
        /// Creates the test case.
        public init() {}

        public var descriptor: TestDescriptor {
            TestDescriptor(
                name: "rebind-port",
                abbreviation: "BP",
                description: "Transfer completes under frequent port rebindings on the client side.",
                isMeasurement: false
            )
        }

        public func testcase(for perspective: Perspective) -> String { "transfer" }

        public var scenario: String {
            "rebind --delay=15ms --bandwidth=10Mbps --queue=25 --first-rebind=1s "
                + "--rebind-freq=5s"
        }

        public var fileSizes: [Int] { [10 * ByteCount.mB] }

        /// Upstream `TestCasePortRebinding.check`.
        public func check(_ context: CheckContext) -> CheckOutcome {
            context.judge { () throws(CheckStop) -> CheckOutcome in
                try Self.verify(context)
                return .succeeded()
            }
        }

        /// Key log; as `transfer`; the server's first packet on each new path carries a PATH_CHALLENGE and it used more
        /// than one path (server-side trace); the client answered every such challenge (client-side trace).
        static func verify(_ context: CheckContext) throws(CheckStop) {
            try context.requireKeyLog()
            try QUIC.Transfer.verify(context)
            let server = try context.serverTrace().serverPaths
            if let path = server.newPathsWithoutChallenge.first {
                throw .failed("the server's first packet on new path \(path) carried no PATH_CHALLENGE")
            }
            guard server.paths.count > 1 else {
                throw .failed("the server saw only one path in use; no rebinding happened")
            }
            let unanswered = server.challengesOnNewPaths.subtracting(try context.clientTrace().clientPathResponses)
            guard unanswered.isEmpty else {
                throw .failed(
                    "the client sent no PATH_RESPONSE to \(unanswered.count) of the server's PATH_CHALLENGEs")
            }
        }
    }
}
