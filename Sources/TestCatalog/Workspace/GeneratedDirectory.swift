public import Results

/// A directory a preparation created inside a `www` directory.
public struct GeneratedDirectory: Sendable, Hashable, Codable {
    /// The `www` directory it is in.
    public var side: Perspective
    /// Its path relative to that `www` directory.
    public var path: String

    /// Creates a record.
    public init(side: Perspective, path: String) {
        self.side = side
        self.path = path
    }
}
