public import Results

/// A WebTransport transfer test (upstream `TestCaseTransfer` of `testcases_webtransport.py`): one session on a
/// random endpoint moves a set of random files in one direction over one kind of stream.
public protocol WebTransportTransfer: TestCase {
    /// Streams or datagrams.
    var streamKind: WebTransportStreamKind { get }
    /// Who sends the files.
    var direction: WebTransportDirection { get }
    /// The sizes of the transferred files, one entry per file, in generation order.
    var transferSizes: [Int] { get }
}

extension WebTransportTransfer {
    /// Every WebTransport transfer belongs to the WebTransport catalog.
    public var protocolKind: WireProtocol { .webtransport }

    /// Upstream's default sizes for stream transfers.
    public var transferSizes: [Int] {
        [100 * ByteCount.kB, 500 * ByteCount.kB, 250 * ByteCount.kB, 1 * ByteCount.mB, 2 * ByteCount.mB]
    }

    /// Upstream `TestCaseTransfer.check`: exactly one handshake, then every file arrived in the receiver's
    /// `downloads/<endpoint>/`, complete and byte-identical, and nothing else. For datagrams too: upstream tolerates
    /// no lost file.
    public func check(_ context: CheckContext) -> CheckOutcome {
        context.judge { () throws(CheckStop) -> CheckOutcome in
            try context.requireHandshakes(1)
            return context.checkTransfers()
        }
    }

    /// `transfer-<kind>-<direction>`, abbreviated by kind and direction letters (`UR`, `DS`).
    public var descriptor: TestDescriptor {
        let who = direction == .receive ? "Server sends data to client" : "Client sends data to server"
        let how = streamKind == .datagram ? "datagrams" : "\(streamKind.rawValue) streams"
        return TestDescriptor(
            name: "transfer-\(streamKind.rawValue)-\(direction.rawValue)",
            abbreviation: streamKind.letter + direction.letter,
            description: "\(who) using \(how)",
            isMeasurement: false
        )
    }

    /// The receiving endpoint gets the full name; the sending one only serves and gets `transfer`.
    public func testcase(for perspective: Perspective) -> String {
        switch (direction, perspective) {
        case (.receive, .client), (.send, .server): descriptor.name
        default: "transfer"
        }
    }

    /// Creates the endpoint directory in both `www` directories and the files in the sender's, then asks the
    /// receiver for them: the client by URL (`https://server4:443/<endpoint>/<file>`), the server by path
    /// (`<endpoint>/<file>`) once the client opened a session on `https://server4:443/<endpoint>`.
    public func prepare(
        in directories: JobDirectories,
        using generator: inout SeededGenerator
    ) throws(PreparationError) -> PreparedTest {
        try FileGenerator.createLayout(directories)
        var files = FileGenerator()
        let endpoint = try files.uniqueName(.slug, using: &generator)
        try files.makeDirectory(endpoint, side: .client, in: directories.clientWWW)
        try files.makeDirectory(endpoint, side: .server, in: directories.serverWWW)
        let transfer: TransferDirection = direction == .receive ? .serverToClient : .clientToServer
        let sender: Perspective = direction == .receive ? .server : .client
        var names: [String] = []
        for size in transferSizes {
            names.append(
                try files.writeFile(
                    size: size,
                    naming: .slug,
                    side: sender,
                    www: directories.source(of: transfer),
                    subdirectory: endpoint,
                    using: &generator
                )
            )
        }
        let protocolName = try files.uniqueName(.slug, using: &generator)
        let paths = names.map { "\(endpoint)/\($0)" }
        return PreparedTest(
            test: name,
            clientTestcase: testcase(for: .client),
            serverTestcase: testcase(for: .server),
            clientRequests: direction == .receive ? paths.map { urlPrefix + $0 } : [urlPrefix + endpoint],
            serverRequests: direction == .send ? paths : [],
            clientProtocols: [protocolName],
            serverProtocols: [protocolName],
            transfers: [ExpectedTransfer(direction: transfer, directory: endpoint, files: names)],
            generatedFiles: files.files,
            createdDirectories: files.directories
        )
    }
}
