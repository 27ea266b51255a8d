public import Foundation
public import Results

/// One row of `interop-runner list tests`: what a user needs to know about a test case before running it.
public struct TestListing: Codable, Sendable, Hashable {
    /// The `TESTCASE` value each endpoint receives.
    public struct Testcase: Codable, Sendable, Hashable {
        public var client: String
        public var server: String

        /// Creates the pair.
        public init(client: String, server: String) {
            self.client = client
            self.server = server
        }
    }

    public var name: String
    public var abbreviation: String
    public var description: String
    /// `quic` or `webtransport`.
    public var protocolKind: WireProtocol
    public var testcase: Testcase
    public var scenario: String
    /// The job's timeout in whole seconds.
    public var timeoutSeconds: Int
    public var repetitions: Int
    public var isMeasurement: Bool
    /// A measurement's unit; `nil` for test cases.
    public var unit: String?
    /// `upstream`, or `experimental` for a test case that runs only when named.
    public var status: TestCaseStatus

    private enum CodingKeys: String, CodingKey {
        case name, abbreviation, description
        case protocolKind = "protocol"
        case testcase, scenario, timeoutSeconds, repetitions, isMeasurement, unit, status
    }

    /// The row of one catalog entry.
    public init(_ test: any TestCase) {
        name = test.name
        abbreviation = test.descriptor.abbreviation
        description = test.descriptor.description
        protocolKind = test.protocolKind
        testcase = Testcase(client: test.testcase(for: .client), server: test.testcase(for: .server))
        scenario = test.scenario
        timeoutSeconds = Int(test.timeout.components.seconds)
        repetitions = test.repetitions
        isMeasurement = test.isMeasurement
        unit = test.descriptor.unit
        status = test.status
    }

    /// The rows of `protocolKind` in catalog order, or of every protocol when it is `nil`.
    public static func rows(for protocolKind: WireProtocol? = nil) -> [TestListing] {
        (protocolKind.map { Catalog.all(for: $0) } ?? Catalog.all).map(TestListing.init)
    }

    /// The stable JSON form: an array of objects with sorted keys, two-space indentation, unescaped slashes,
    /// and `null` written for a missing unit so every row has the same keys.
    public static func json(_ rows: [TestListing]) -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        // Encoding strings, integers and booleans cannot fail.
        return (try? encoder.encode(rows.map(Row.init))) ?? Data()
    }

    /// The encoded shape of a row, which writes `unit` as `null` instead of leaving the key out.
    private struct Row: Encodable {
        let listing: TestListing

        init(_ listing: TestListing) {
            self.listing = listing
        }

        func encode(to encoder: any Encoder) throws {
            try listing.encode(to: encoder)
            var container = encoder.container(keyedBy: CodingKeys.self)
            if listing.unit == nil { try container.encodeNil(forKey: .unit) }
        }
    }
}
