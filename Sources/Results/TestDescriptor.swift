/// What the reports need to know about a test case or measurement, independent of how it is run.
public struct TestDescriptor: Codable, Sendable, Hashable {
    /// The stable name (`handshake`, `goodput`).
    public var name: String
    /// Upstream's abbreviation (`H`, `G`).
    public var abbreviation: String
    /// Upstream's description.
    public var description: String
    /// Whether this is a measurement (repeated, yields a value) rather than a pass/fail test.
    public var isMeasurement: Bool
    /// The unit of a measurement's value (`kbps`); `nil` for tests.
    public var unit: String?

    /// Creates a descriptor.
    public init(name: String, abbreviation: String, description: String, isMeasurement: Bool, unit: String? = nil) {
        self.name = name
        self.abbreviation = abbreviation
        self.description = description
        self.isMeasurement = isMeasurement
        self.unit = unit
    }
}
