/// The roles an implementation offers in a registry (upstream's `role` field).
public enum Role: String, Codable, Sendable, CaseIterable, Hashable {
    case client
    case server
    case both

    /// Whether an implementation with this role may run as `perspective`.
    public func allows(_ perspective: Perspective) -> Bool {
        switch (self, perspective) {
        case (.both, _), (.client, .client), (.server, .server): true
        default: false
        }
    }
}

/// One side of a connection in a job: the endpoint that runs as client or as server.
public enum Perspective: String, Codable, Sendable, CaseIterable, Hashable {
    case client
    case server
}
