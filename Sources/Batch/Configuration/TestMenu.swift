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
    /// The test cases `all` selects.
    public var tests: [TestEntry]
    public var measurements: [TestEntry]
    /// Test cases selected only by name (``TestCaseStatus/experimental``).
    public var experimentalTests: [TestEntry]

    /// Creates a menu.
    public init(tests: [TestEntry], measurements: [TestEntry], experimentalTests: [TestEntry] = []) {
        self.tests = tests
        self.measurements = measurements
        self.experimentalTests = experimentalTests
    }

    /// The catalog's menu for `protocolKind`.
    public init(catalogFor protocolKind: WireProtocol) {
        self.init(
            tests: Catalog.tests(for: protocolKind).map(TestEntry.init),
            measurements: Catalog.measurements(for: protocolKind).map(TestEntry.init),
            experimentalTests: Catalog.experimentalTests(for: protocolKind).map(TestEntry.init))
    }

    /// The test case called `name`, upstream's or experimental.
    func test(named name: String) -> TestEntry? {
        tests.first { $0.name == name } ?? experimentalTests.first { $0.name == name }
    }
}
