public import Results

/// A `-t/--test` argument named something the catalog does not have.
public struct SelectionError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What went wrong.
    public enum Code: String, Sendable, Hashable {
        /// A name is neither a test case nor a measurement of the protocol.
        case unknownTest
    }

    /// The kind of failure.
    public var code: Code
    /// Every unknown name, in the order given.
    public var names: [String]
    /// The protocol whose catalog was searched.
    public var protocolKind: WireProtocol
    /// The test cases of that protocol.
    public var available: [String]
    /// The measurements of that protocol.
    public var availableMeasurements: [String]

    /// Creates an error.
    public init(
        code: Code,
        names: [String],
        protocolKind: WireProtocol,
        available: [String],
        availableMeasurements: [String]
    ) {
        self.code = code
        self.names = names
        self.protocolKind = protocolKind
        self.available = available
        self.availableMeasurements = availableMeasurements
    }

    public var description: String {
        let quoted = names.map { "\"\($0)\"" }.joined(separator: ", ")
        let measurements = availableMeasurements.isEmpty ? "none" : availableMeasurements.joined(separator: ", ")
        let noun = names.count == 1 ? "test case" : "test cases"
        return "at --test: \(noun) \(quoted) not found for \(protocolKind.rawValue); "
            + "available test cases: \(available.joined(separator: ", ")); "
            + "available measurements: \(measurements)"
    }
}
