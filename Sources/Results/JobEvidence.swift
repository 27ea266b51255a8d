/// What a job that did not succeed left for a reader who has only the report: the end of what each endpoint printed
/// and which of its logs and captures exist, so a failure can be understood without downloading the log archive.
///
/// The runner fills it in when the job ends (reports are rendered from results alone, and `report --from` must
/// re-render the same words). Paths are relative to the log root, which is also the root of the log archive.
public struct JobEvidence: Codable, Sendable, Hashable {
    /// The most lines of an endpoint's output a result keeps.
    public static let tailLines = 30
    /// The most bytes of an endpoint's output a result keeps (a longer last line loses its start).
    public static let tailBytes = 4096

    /// The last lines of what the server printed (`server.out.txt`); `nil` when the server printed nothing.
    public var serverOutput: String?
    /// The last lines of what the client printed (`client.out.txt`); `nil` when the client printed nothing.
    public var clientOutput: String?
    /// The job's logs and captures that exist, relative to the log root (`<server>_<client>/<test>/output.txt`);
    /// a folder ends in `/`.
    public var files: [String]

    /// Creates evidence.
    public init(serverOutput: String? = nil, clientOutput: String? = nil, files: [String] = []) {
        self.serverOutput = serverOutput
        self.clientOutput = clientOutput
        self.files = files
    }
}
