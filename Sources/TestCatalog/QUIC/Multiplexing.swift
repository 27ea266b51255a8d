import QUICTrace
public import Results

extension QUIC {
    /// 1999 tiny files over one connection (upstream's `range(1, 2000)`), so the server must raise stream limits.
    ///
    /// Upstream `TestCaseMultiplexing`.
    public struct Multiplexing: QUICTestCase {
        /// Creates the test case.
        public init() {}

        public var descriptor: TestDescriptor {
            TestDescriptor(
                name: "multiplexing",
                abbreviation: "M",
                description:
                    "Thousands of files are transferred over a single connection, and server "
                    + "increased stream limits to accomodate client requests.",
                isMeasurement: false
            )
        }

        public func testcase(for perspective: Perspective) -> String { "transfer" }

        public var fileSizes: [Int] { Array(repeating: 32, count: 1999) }

        /// Upstream `TestCaseMultiplexing.check`: key log, one handshake, QUIC v1, the files, and a server
        /// bidirectional stream limit (its EncryptedExtensions in the client-side trace) of at most 1000.
        public func check(_ context: CheckContext) -> CheckOutcome {
            context.judge { () throws(CheckStop) -> CheckOutcome in
                try context.requireKeyLog()
                try context.requireHandshakes(1)
                try context.requireVersionAndFiles()
                let limits = try context.clientTrace().serverMaxStreamsBidi
                if let limit = limits.first(where: { $0 > Self.maximumStreamLimit }) {
                    throw .failed(
                        "server set initial_max_streams_bidi to \(limit), expected at most \(Self.maximumStreamLimit)")
                }
                guard !limits.isEmpty else {
                    throw .failed("found no initial_max_streams_bidi in the server's transport parameters")
                }
                return .succeeded()
            }
        }

        /// The highest initial bidirectional stream limit upstream accepts: the client must wait for more.
        static let maximumStreamLimit: UInt64 = 1000
    }
}
