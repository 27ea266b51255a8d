import QUICTrace
public import Results

extension QUIC {
    /// Both endpoints mark packets ECT(0)/ECT(1) and report ECN counts in ACKs.
    /// Upstream inherits the handshake's description, so this one repeats it.
    ///
    /// Upstream `TestCaseECN`.
    public struct ECN: QUICTestCase {
        /// Creates the test case.
        public init() {}

        public var descriptor: TestDescriptor {
            TestDescriptor(
                name: "ecn",
                abbreviation: "E",
                description: "Handshake completes successfully.",
                isMeasurement: false
            )
        }

        public var fileSizes: [Int] { [100 * ByteCount.kB] }

        /// Upstream `TestCaseECN.check`: key log, the `handshake` requirements, then both sides mark their
        /// packets ECT(0) or ECT(1), never CE, and send ACK frames with ECN counts (each side in its own trace).
        public func check(_ context: CheckContext) -> CheckOutcome {
            context.judge { () throws(CheckStop) -> CheckOutcome in
                try context.requireKeyLog()
                try QUIC.Handshake.verify(context)
                let clientTrace = try context.clientTrace()
                let serverTrace = try context.serverTrace()
                let client = Marking(clientTrace, .fromClient)
                let server = Marking(serverTrace, .fromServer)
                var problems: [String] = []
                // Upstream's order of messages: each side's marks, then the peer's ACK-ECN for them, then CE marks.
                for (name, side, peerName, peer) in [
                    ("client", client, "server", server), ("server", server, "client", client),
                ] {
                    if !side.anyMarked {
                        problems.append("the \(name) marked no packet ECT(0) or ECT(1)")
                    } else if !peer.sentACKECN {
                        problems.append("the \(peerName) sent no ACK frame with ECN counts")
                    } else if side.congestionExperienced > 0 {
                        problems.append("\(side.congestionExperienced) packets of the \(name) were marked CE")
                    }
                }
                // Upstream succeeds only when all four conditions hold; every unmet one added a problem above.
                guard problems.isEmpty else { throw .failed(problems.joined(separator: "; ")) }
                return .succeeded()
            }
        }

        /// One side's ECN behaviour in the trace captured next to it.
        private struct Marking {
            let anyMarked: Bool
            let congestionExperienced: Int
            let sentACKECN: Bool

            init(_ trace: TraceAnalysis, _ direction: Direction) {
                let counts = trace.ecnCounts[direction] ?? [:]
                anyMarked = counts[.ect0, default: 0] + counts[.ect1, default: 0] > 0
                congestionExperienced = counts[.ce, default: 0]
                sentACKECN = trace.ackECNSenders.contains(direction)
            }
        }
    }
}
