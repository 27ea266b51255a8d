import QUICTrace
public import Results

extension QUIC {
    /// The client starts with QUIC v1 and the server switches to v2 by compatible version negotiation.
    ///
    /// Upstream `TestCaseV2`.
    public struct V2: QUICTestCase {
        /// Creates the test case.
        public init() {}

        public var descriptor: TestDescriptor {
            TestDescriptor(
                name: "v2",
                abbreviation: "V2",
                description: "Server should select QUIC v2 in compatible version negotiation.",
                isMeasurement: false
            )
        }

        public var fileSizes: [Int] { [1 * ByteCount.kB] }

        /// Upstream `TestCaseV2.check`: the client's Initials include v1, the server's include v2, every Handshake
        /// packet of both is v2 (client side from the client-side trace, server side from the server-side one), the file.
        public func check(_ context: CheckContext) -> CheckOutcome {
            context.judge { () throws(CheckStop) -> CheckOutcome in
                let client = try context.clientTrace()
                let server = try context.serverTrace()
                try Self.require(
                    client.versions(of: .initial, from: .fromClient), include: QUICVersion.v1, "client's Initial")
                try Self.require(
                    server.versions(of: .initial, from: .fromServer), include: QUICVersion.v2, "server's Initial")
                try Self.require(
                    client.versions(of: .handshake, from: .fromClient), only: QUICVersion.v2, "client's Handshake")
                try Self.require(
                    server.versions(of: .handshake, from: .fromServer), only: QUICVersion.v2, "server's Handshake")
                try context.requireFiles()
                return .succeeded()
            }
        }

        private static func require(
            _ versions: Set<UInt32>, include expected: UInt32, _ packets: String
        ) throws(CheckStop) {
            guard versions.contains(expected) else {
                throw .failed(
                    "\(packets) packets use \(list(versions)), expected \(CheckContext.hex(expected)) among them")
            }
        }

        private static func require(_ versions: Set<UInt32>, only expected: UInt32, _ packets: String) throws(CheckStop)
        {
            guard versions == [expected] else {
                throw .failed("\(packets) packets use \(list(versions)), expected only \(CheckContext.hex(expected))")
            }
        }

        private static func list(_ versions: Set<UInt32>) -> String {
            versions.isEmpty ? "no version" : versions.sorted().map(CheckContext.hex).joined(separator: ", ")
        }
    }
}
