public import Results

extension WebTransport {
    /// A session is established on a random endpoint and both sides agree on the application protocol: each
    /// offers five, two of which they share in opposite orders, so the client's preference must win.
    ///
    /// Upstream `TestCaseHandshake` of `testcases_webtransport.py`.
    public struct Handshake: TestCase {
        /// How many protocols each endpoint offers.
        static let offeredProtocols = 5

        /// Creates the test case.
        public init() {}

        public var descriptor: TestDescriptor {
            TestDescriptor(
                name: "handshake",
                abbreviation: "H",
                description: "Handshake completes successfully.",
                isMeasurement: false
            )
        }

        public var protocolKind: WireProtocol { .webtransport }

        /// Creates the empty endpoint directory in the server's `www`, points the client at it and draws the
        /// protocol lists as upstream's `additional_envs` does.
        public func prepare(
            in directories: JobDirectories,
            using generator: inout SeededGenerator
        ) throws(PreparationError) -> PreparedTest {
            try FileGenerator.createLayout(directories)
            var files = FileGenerator()
            let endpoint = try files.uniqueName(.slug, using: &generator)
            try files.makeDirectory(endpoint, side: .server, in: directories.serverWWW)

            var serverProtocols: [String] = []
            var clientProtocols: [String] = []
            for _ in 0..<Self.offeredProtocols {
                serverProtocols.append(try files.uniqueName(.slug, using: &generator))
            }
            for _ in 0..<Self.offeredProtocols {
                clientProtocols.append(try files.uniqueName(.slug, using: &generator))
            }
            // Two distinct positions in ascending order: upstream's `sorted(random.sample(range(0, 5), 2))`.
            let first = generator.uniform(below: Self.offeredProtocols)
            var second = generator.uniform(below: Self.offeredProtocols - 1)
            if second >= first { second += 1 }
            let positions = (min(first, second), max(first, second))
            let shared = [
                try files.uniqueName(.slug, using: &generator), try files.uniqueName(.slug, using: &generator),
            ]
            clientProtocols[positions.0] = shared[0]
            clientProtocols[positions.1] = shared[1]
            serverProtocols[positions.0] = shared[1]
            serverProtocols[positions.1] = shared[0]

            return PreparedTest(
                test: name,
                clientTestcase: testcase(for: .client),
                serverTestcase: testcase(for: .server),
                clientRequests: [urlPrefix + endpoint],
                clientProtocols: clientProtocols,
                serverProtocols: serverProtocols,
                expectedNegotiatedProtocol: clientProtocols.first { serverProtocols.contains($0) },
                transfers: [],
                generatedFiles: files.files,
                createdDirectories: files.directories
            )
        }

        /// Upstream `TestCaseHandshake.check`: exactly one handshake, then both endpoints wrote the client's most
        /// preferred common protocol into `negotiated_protocol.txt`.
        public func check(_ context: CheckContext) -> CheckOutcome {
            context.judge { () throws(CheckStop) -> CheckOutcome in
                try context.requireHandshakes(1)
                return context.checkNegotiatedProtocol()
            }
        }
    }
}
