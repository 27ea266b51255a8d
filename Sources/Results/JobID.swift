/// Identifies one job of a plan: a server, a client, a test and, for measurements, a repetition (1-based).
public struct JobID: Codable, Sendable, Hashable, CustomStringConvertible {
    public var server: String
    public var client: String
    public var test: String
    /// The repetition of a measurement, starting at 1; `nil` for a test case.
    public var repetition: Int?

    /// Creates an identifier.
    public init(server: String, client: String, test: String, repetition: Int? = nil) {
        self.server = server
        self.client = client
        self.test = test
        self.repetition = repetition
    }

    /// The job's log folder relative to the log root: upstream's `<server>_<client>/<test>[/<repetition>]`.
    public var logPath: String {
        var path = "\(server)_\(client)/\(test)"
        if let repetition { path += "/\(repetition)" }
        return path
    }

    public var description: String { logPath }
}
