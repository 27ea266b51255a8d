public import Results

/// One upstream test case or measurement: what each endpoint is told, the network it runs over, the files it
/// moves and how its outcome is judged.
///
/// Conforming types are stateless values; everything a job generates (random file names, protocol lists) lives
/// in the ``PreparedTest`` that ``prepare(in:using:)`` returns, so one catalog entry serves any number of
/// parallel jobs. Defaults below are upstream `TestCase`'s; a test case overrides only what upstream overrides.
public protocol TestCase: Sendable {
    /// Name, abbreviation, description and (for measurements) unit, as the reports show them.
    var descriptor: TestDescriptor { get }
    /// The protocol whose catalog holds this test case.
    var protocolKind: WireProtocol { get }
    /// The `TESTCASE` value the endpoint in `perspective` receives (upstream `testname(perspective)`).
    func testcase(for perspective: Perspective) -> String
    /// The network simulator's scenario (upstream `scenario()`).
    var scenario: String { get }
    /// How long the whole job may take before it is a timeout (upstream `timeout()`).
    var timeout: Duration { get }
    /// How many times a measurement runs; 1 for a test case.
    var repetitions: Int { get }
    /// How many certificates the served chain holds (upstream's `certs.sh <dir> <length>`).
    var certificateChainLength: Int { get }
    /// The host name in the request URLs (`server4`, `server6` or `server46`).
    var requestHost: String { get }
    /// TCP cross traffic that competes with the QUIC connection, or `nil` when the link carries QUIC alone.
    var crossTraffic: IperfCrossTraffic? { get }
    /// Whether the test case is upstream's or experimental (selected only when named).
    var status: TestCaseStatus { get }
    /// Creates this job's files below `directories` and says what each endpoint is asked to do.
    func prepare(
        in directories: JobDirectories,
        using generator: inout SeededGenerator
    ) throws(PreparationError) -> PreparedTest
    /// Judges a finished job from its directories and artifacts; a failing test is a value, never an error.
    func check(_ context: CheckContext) -> CheckOutcome
}

extension TestCase {
    /// The stable name (`descriptor.name`).
    public var name: String { descriptor.name }
    /// Whether this is a measurement (repeated, yields a value).
    public var isMeasurement: Bool { descriptor.isMeasurement }

    /// Upstream's default: both endpoints receive the test case's name.
    public func testcase(for perspective: Perspective) -> String { descriptor.name }
    /// Upstream's default scenario.
    public var scenario: String { Scenario.default }
    /// Upstream's default timeout of 60 s.
    public var timeout: Duration { .seconds(60) }
    /// A test case runs once.
    public var repetitions: Int { 1 }
    /// A chain of one certificate, as upstream's default `certs_dir()`.
    public var certificateChainLength: Int { 1 }
    /// Upstream's default `urlprefix()` host.
    public var requestHost: String { "server4" }
    /// No cross traffic.
    public var crossTraffic: IperfCrossTraffic? { nil }
    /// Upstream's test cases are the catalog's default.
    public var status: TestCaseStatus { .upstream }
    /// The prefix of every request URL (upstream `urlprefix()`): `https://<host>:443/`.
    public var urlPrefix: String { "https://\(requestHost):443/" }

    /// The checks that need no packet trace: every expected transfer arrived complete and byte-identical.
    public func check(_ context: CheckContext) -> CheckOutcome {
        context.checkTransfers()
    }

    /// Prepares the job with a generator seeded by `seed`, so the same seed yields the same names and bytes.
    public func prepare(in directories: JobDirectories, seed: UInt64) throws(PreparationError) -> PreparedTest {
        var generator = SeededGenerator(seed: seed)
        return try prepare(in: directories, using: &generator)
    }
}
