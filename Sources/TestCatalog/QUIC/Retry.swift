import QUICTrace
public import Results

extension QUIC {
    /// The server sends a Retry and the client continues with its token.
    ///
    /// Upstream `TestCaseRetry`.
    public struct Retry: QUICTestCase {
        /// Creates the test case.
        public init() {}

        public var descriptor: TestDescriptor {
            TestDescriptor(
                name: "retry",
                abbreviation: "S",
                description:
                    "Server sends a Retry, and a subsequent connection using the Retry token "
                    + "completes successfully.",
                isMeasurement: false
            )
        }

        public var fileSizes: [Int] { [10 * ByteCount.kB] }

        /// Upstream `TestCaseRetry.check`: one handshake, QUIC v1, the file, and in the client-side trace a
        /// Retry with a token that a later client Initial carries without resetting its packet numbers.
        public func check(_ context: CheckContext) -> CheckOutcome {
            context.judge { () throws(CheckStop) -> CheckOutcome in
                try context.requireHandshakes(1)
                try context.requireVersionAndFiles()
                let trace = try context.clientTrace()
                guard trace.retryCount > 0 else { throw .failed("the server sent no Retry packet") }
                guard trace.retryTokens.count == min(trace.retryCount, 100),
                    !trace.retryTokens.contains(where: \.isEmpty)
                else {
                    throw .failed("a Retry packet carried no token")
                }
                switch trace.retryTokenUse {
                case .used:
                    return .succeeded()
                case .packetNumberReset(packetNumber: let number):
                    throw .failed(
                        "the client reset its packet numbers: Initial \(number) with a token is not above those before the Retry"
                    )
                case .noTokenUsed:
                    throw .failed("no client Initial packet carried the token of the server's Retry")
                }
            }
        }
    }
}
