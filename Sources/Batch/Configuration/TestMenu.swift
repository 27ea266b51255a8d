public import Results

/// A test case or measurement as the planner sees it: what to call it, how often to run it, how long to allow.
public struct TestEntry: Sendable, Hashable {
    public var descriptor: TestDescriptor
    /// Runs of a measurement (upstream's `repetitions()`); 1 for a test case.
    public var repetitions: Int
    /// The time a job of this test may take before it ends with `timeout`.
    public var timeout: Duration

    /// Creates an entry.
    public init(descriptor: TestDescriptor, repetitions: Int, timeout: Duration) {
        self.descriptor = descriptor
        self.repetitions = repetitions
        self.timeout = timeout
    }

    public var name: String { descriptor.name }
}

/// The test cases and measurements a protocol offers, in upstream's order.
public struct TestMenu: Sendable, Hashable {
    public var tests: [TestEntry]
    public var measurements: [TestEntry]

    /// Creates a menu.
    public init(tests: [TestEntry], measurements: [TestEntry]) {
        self.tests = tests
        self.measurements = measurements
    }
}
