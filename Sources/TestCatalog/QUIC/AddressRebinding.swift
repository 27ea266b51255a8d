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
    }
}
