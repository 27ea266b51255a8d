public import Results

/// A QUIC test case or measurement: the server serves random files from its `/www` root and the client
/// downloads each of them once (upstream `TestCaseQuic.get_paths`).
public protocol QUICTestCase: TestCase {
    /// The sizes of the served files, one entry per file, in generation order (upstream `get_paths_raw`).
    var fileSizes: [Int] { get }
    /// How the files are named.
    var fileNaming: FileNaming { get }
}

extension QUICTestCase {
    /// Every QUIC test case belongs to the QUIC catalog.
    public var protocolKind: WireProtocol { .quic }
    /// Upstream names files with `generate_slug()` unless a test case says otherwise.
    public var fileNaming: FileNaming { .slug }

    /// Writes the files into the server's `www` and requests each one as `https://<host>:443/<name>`.
    public func prepare(
        in directories: JobDirectories,
        using generator: inout SeededGenerator
    ) throws(PreparationError) -> PreparedTest {
        try FileGenerator.createLayout(directories)
        var files = FileGenerator()
        var names: [String] = []
        for size in fileSizes {
            names.append(
                try files.writeFile(
                    size: size,
                    naming: fileNaming,
                    side: .server,
                    www: directories.serverWWW,
                    using: &generator
                )
            )
        }
        return PreparedTest(
            test: name,
            clientTestcase: testcase(for: .client),
            serverTestcase: testcase(for: .server),
            clientRequests: names.map { urlPrefix + $0 },
            transfers: [ExpectedTransfer(direction: .serverToClient, files: names)],
            generatedFiles: files.files
        )
    }
}
