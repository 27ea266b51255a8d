/// Files that must arrive unchanged: served from one side's `www`, downloaded into the other side's `downloads`.
///
/// Invariant: `directory` and every name in `files` are single path components (no `/`, not `.` or `..`);
/// ``CheckContext/checkTransfers()`` refuses a value that breaks it rather than look outside the job.
public struct ExpectedTransfer: Sendable, Hashable, Codable {
    /// Who serves and who downloads.
    public var direction: TransferDirection
    /// The subdirectory of both `www` and `downloads` that holds the files; `nil` for the directory itself.
    /// WebTransport puts each session's files below its endpoint's name.
    public var directory: String?
    /// The file names, in the order they were generated.
    public var files: [String]

    /// Creates an expectation.
    public init(direction: TransferDirection, directory: String? = nil, files: [String]) {
        self.direction = direction
        self.directory = directory
        self.files = files
    }
}
