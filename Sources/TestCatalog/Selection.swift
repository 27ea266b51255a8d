public import Results

/// The test cases and measurements a run executes, chosen as upstream's `-t/--test` chooses them.
public struct Selection: Sendable {
    /// The chosen test cases, in the order named (catalog order when all are chosen).
    public var tests: [any TestCase]
    /// The chosen measurements, in the same manner.
    public var measurements: [any TestCase]

    /// Creates a selection.
    public init(tests: [any TestCase], measurements: [any TestCase]) {
        self.tests = tests
        self.measurements = measurements
    }

    /// Upstream `get_tests_and_measurements`: `nil` selects everything, `onlyTests` and `onlyMeasurements`
    /// select one kind, an empty string selects nothing, otherwise a comma-separated list of names.
    ///
    /// Unlike upstream, which stops at the first unknown name, every unknown name is reported at once.
    public init(_ argument: String?, for protocolKind: WireProtocol) throws(SelectionError) {
        let tests = Catalog.tests(for: protocolKind)
        let measurements = Catalog.measurements(for: protocolKind)
        switch argument {
        case nil: self.init(tests: tests, measurements: measurements)
        case "onlyTests": self.init(tests: tests, measurements: [])
        case "onlyMeasurements": self.init(tests: [], measurements: measurements)
        case "": self.init(tests: [], measurements: [])
        case let list?:
            var chosenTests: [any TestCase] = []
            var chosenMeasurements: [any TestCase] = []
            var unknown: [String] = []
            for name in list.split(separator: ",", omittingEmptySubsequences: false).map(String.init) {
                if let test = tests.first(where: { $0.name == name }) {
                    chosenTests.append(test)
                } else if let measurement = measurements.first(where: { $0.name == name }) {
                    chosenMeasurements.append(measurement)
                } else {
                    unknown.append(name)
                }
            }
            guard unknown.isEmpty else {
                throw SelectionError(
                    code: .unknownTest,
                    names: unknown,
                    protocolKind: protocolKind,
                    available: tests.map(\.name),
                    availableMeasurements: measurements.map(\.name)
                )
            }
            self.init(tests: chosenTests, measurements: chosenMeasurements)
        }
    }
}
