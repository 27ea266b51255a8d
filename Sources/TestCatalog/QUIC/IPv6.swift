import QUICTrace
public import Results

extension QUIC {
    /// A transfer addressed to `server6`, so only IPv6 may be used.
    ///
    /// Upstream `TestCaseIPv6`.
    public struct IPv6: QUICTestCase {
        /// Creates the test case.
        public init() {}

        public var descriptor: TestDescriptor {
            TestDescriptor(
                name: "ipv6",
                abbreviation: "6",
                description: "A transfer across an IPv6-only network succeeded.",
                isMeasurement: false
            )
        }

        public func testcase(for perspective: Perspective) -> String { "transfer" }

        public var requestHost: String { "server6" }

        public var fileSizes: [Int] { [5 * ByteCount.kB, 10 * ByteCount.kB] }

        /// Upstream `TestCaseIPv6.check`: as `transfer`, and no QUIC packet of the server over IPv4 (server-side trace).
        public func check(_ context: CheckContext) -> CheckOutcome {
            context.judge { () throws(CheckStop) -> CheckOutcome in
                try QUIC.Transfer.verify(context)
                let count = try context.serverTrace().serverIPv4Datagrams
                guard count == 0 else {
                    throw .failed("the server sent \(count) packets over IPv4, expected IPv6 only")
                }
                return .succeeded()
            }
        }
    }
}
