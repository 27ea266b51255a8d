public import Results

/// One random file a job's preparation wrote.
public struct GeneratedFile: Sendable, Hashable, Codable {
    /// The `www` directory it went into.
    public var side: Perspective
    /// Its path relative to that `www` directory (`name` or `endpoint/name`).
    public var path: String
    /// Its size in bytes.
    public var size: Int

    /// Creates a record.
    public init(side: Perspective, path: String, size: Int) {
        self.side = side
        self.path = path
        self.size = size
    }
}
