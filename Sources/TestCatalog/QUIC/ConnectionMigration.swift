import QUICTrace
public import Results

extension QUIC {
    /// The server offers a preferred address and the client migrates to it; requests go to `server46`, which
    /// resolves to both address families.
    ///
    /// Upstream `TestCaseConnectionMigration`.
    public struct ConnectionMigration: QUICTestCase {
        /// Creates the test case.
        public init() {}

        public var descriptor: TestDescriptor {
            TestDescriptor(
                name: "connectionmigration",
                abbreviation: "CM",
                description: "A transfer succeeded during which the client performed an active migration.",
                isMeasurement: false
            )
        }

        public func testcase(for perspective: Perspective) -> String {
            perspective == .client ? "transfer" : "connectionmigration"
        }

        public var requestHost: String { "server46" }

        public var fileSizes: [Int] { [2 * ByteCount.mB] }

        /// Upstream `TestCaseConnectionMigration.check`: everything `rebind-port` requires, and the client's
        /// first packet on each new path uses a new destination connection ID (client-side trace).
        public func check(_ context: CheckContext) -> CheckOutcome {
            context.judge { () throws(CheckStop) -> CheckOutcome in
                try QUIC.PortRebinding.verify(context)
                if let path = try context.clientTrace().clientPaths.newPathsWithReusedDCID.first {
                    throw .failed(
                        "the client's first packet on new path \(path) reused the previous destination connection ID")
                }
                return .succeeded()
            }
        }
    }
}
