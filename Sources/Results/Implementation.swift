/// An implementation as listed in a registry: upstream's `image`, `url` and `role`, plus how to run it locally.
///
/// Exactly one of `image` and `command` is usually set; an entry with both can run under either runtime.
public struct Implementation: Codable, Sendable, Hashable {
    /// The registry key; also the directory and JUnit classname component, so it never contains `.` or `_`.
    public var name: String
    /// A Docker image reference (upstream entries).
    public var image: String?
    /// A project page shown in the reports.
    public var url: String
    /// The roles this implementation can take.
    public var role: Role
    /// A local `run_endpoint` executable that honours the endpoint contract (process runtime).
    public var command: String?
    /// The implementation's version, when the registry knows it.
    public var version: String?

    /// Creates an entry.
    public init(
        name: String,
        image: String? = nil,
        url: String,
        role: Role,
        command: String? = nil,
        version: String? = nil
    ) {
        self.name = name
        self.image = image
        self.url = url
        self.role = role
        self.command = command
        self.version = version
    }
}
