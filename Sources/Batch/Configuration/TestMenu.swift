public import Results
public import TestCatalog

/// A test case or measurement as a run uses it: the catalog entry and the timeout in force (a spec may override
/// the catalog's).
public struct TestEntry: Sendable {
    public var test: any TestCase
    /// The time a job of this test may take before it ends with `timeout`.
    public var timeout: Duration

    /// Wraps a catalog entry with its own timeout.
    public init(_ test: any TestCase) {
        self.test = test
        self.timeout = test.timeout
    }

    public var descriptor: TestDescriptor { test.descriptor }
    public var name: String { test.name }
    /// Runs of a measurement (upstream's `repetitions()`); 1 for a test case.
    public var repetitions: Int { test.repetitions }
}

/// The test cases and measurements a protocol offers, in upstream's order.
public struct TestMenu: Sendable {
    public var tests: [TestEntry]
    public var measurements: [TestEntry]

    /// Creates a menu.
    public init(tests: [TestEntry], measurements: [TestEntry]) {
        self.tests = tests
        self.measurements = measurements
    }

    /// The catalog's menu for `protocolKind`.
    public init(catalogFor protocolKind: WireProtocol) {
        self.init(
            tests: Catalog.tests(for: protocolKind).map(TestEntry.init),
            measurements: Catalog.measurements(for: protocolKind).map(TestEntry.init))
    }
}
