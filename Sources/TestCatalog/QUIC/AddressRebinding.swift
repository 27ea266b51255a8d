import QUICTrace
public import Results

extension QUIC {
    /// A transfer while the simulator's NAT changes the client's address and port every 5 s.
    ///
    /// Upstream `TestCaseAddressRebinding`.
    public struct AddressRebinding: QUICTestCase {
        /// Creates the test case.
        public init() {}

        public var descriptor: TestDescriptor {
            TestDescriptor(
                name: "rebind-addr",
                abbreviation: "BA",
                description: "Transfer completes under frequent IP address and port rebindings on the client side.",
                isMeasurement: false
            )
        }

        public func testcase(for perspective: Perspective) -> String { "transfer" }

        public var scenario: String {
            "rebind --delay=15ms --bandwidth=10Mbps --queue=25 --first-rebind=1s "
                + "--rebind-freq=5s --rebind-addr"
        }

        public var fileSizes: [Int] { [10 * ByteCount.mB] }

        /// Upstream `TestCaseAddressRebinding.check`: key log, the server sent to more than one client
        /// address (server-side trace), then everything `rebind-port` requires.
        public func check(_ context: CheckContext) -> CheckOutcome {
            context.judge { () throws(CheckStop) -> CheckOutcome in
                try context.requireKeyLog()
                let addresses = Set(try context.serverTrace().serverPaths.paths.map(\.destination.address))
                guard addresses.count > 1 else {
                    throw .failed("the server saw only one client address in use; no address rebinding happened")
                }
                try QUIC.PortRebinding.verify(context)
                return .succeeded()
            }
        }
    }
}
