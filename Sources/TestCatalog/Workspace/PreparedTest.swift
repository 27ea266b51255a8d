public import Results

/// What one job's preparation produced: the endpoints' test-specific environment and what the check expects.
///
/// It is Codable so a journal can keep it and a later `check` can judge the job without re-running the
/// preparation.
public struct PreparedTest: Sendable, Hashable, Codable {
    /// The name of the test case this was prepared for.
    public var test: String
    /// `TESTCASE` of the client.
    public var clientTestcase: String
    /// `TESTCASE` of the server.
    public var serverTestcase: String
    /// `REQUESTS` of the client: full URLs.
    public var clientRequests: [String]
    /// `REQUESTS` of the server: WebTransport paths without a host (`endpoint/file`); empty for QUIC.
    public var serverRequests: [String]
    /// `PROTOCOLS` of the client (WebTransport application protocols, in preference order).
    public var clientProtocols: [String]
    /// `PROTOCOLS` of the server.
    public var serverProtocols: [String]
    /// The protocol both endpoints must report in `negotiated_protocol.txt`, when the test checks it.
    public var expectedNegotiatedProtocol: String?
    /// The files that must arrive unchanged.
    public var transfers: [ExpectedTransfer]
    /// Every file written into a `www` directory.
    public var generatedFiles: [GeneratedFile]
    /// Directories created in a `www` directory, relative to it (WebTransport endpoints).
    public var createdDirectories: [GeneratedDirectory]

    /// Creates a value; the catalog's test cases build it in `prepare`.
    public init(
        test: String,
        clientTestcase: String,
        serverTestcase: String,
        clientRequests: [String],
        serverRequests: [String] = [],
        clientProtocols: [String] = [],
        serverProtocols: [String] = [],
        expectedNegotiatedProtocol: String? = nil,
        transfers: [ExpectedTransfer],
        generatedFiles: [GeneratedFile],
        createdDirectories: [GeneratedDirectory] = []
    ) {
        self.test = test
        self.clientTestcase = clientTestcase
        self.serverTestcase = serverTestcase
        self.clientRequests = clientRequests
        self.serverRequests = serverRequests
        self.clientProtocols = clientProtocols
        self.serverProtocols = serverProtocols
        self.expectedNegotiatedProtocol = expectedNegotiatedProtocol
        self.transfers = transfers
        self.generatedFiles = generatedFiles
        self.createdDirectories = createdDirectories
    }

    /// `REQUESTS` for `perspective`: the list joined by single spaces, as upstream passes it.
    public func requests(for perspective: Perspective) -> String {
        (perspective == .client ? clientRequests : serverRequests).joined(separator: " ")
    }

    /// `PROTOCOLS` for `perspective`: space-separated; empty for QUIC, as upstream's compose file sets it.
    public func protocols(for perspective: Perspective) -> String {
        (perspective == .client ? clientProtocols : serverProtocols).joined(separator: " ")
    }

    /// The test-specific part of the endpoint contract for `perspective`: `TESTCASE`, `REQUESTS`, `PROTOCOLS`.
    ///
    /// The runner adds `ROLE`, `SSLKEYLOGFILE`, `QLOGDIR` and the `*_PARAMS` itself.
    public func environment(for perspective: Perspective) -> [String: String] {
        [
            "TESTCASE": perspective == .client ? clientTestcase : serverTestcase,
            "REQUESTS": requests(for: perspective),
            "PROTOCOLS": protocols(for: perspective),
        ]
    }
}
