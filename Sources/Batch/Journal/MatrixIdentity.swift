public import Results

/// What makes two runs the same matrix: protocol, pairs, tests with their timeouts, measurements with their
/// repetitions, and the implementations exempt from auto-unsupported.
///
/// A resumed run and the shards of a merge must agree on it (and on the seed and the runner's version, kept beside
/// it in ``JournalHeader``). Paths and images are not part of it: the same matrix may run on machines that keep the
/// endpoints in other places.
public struct MatrixIdentity: Codable, Sendable, Hashable {
    /// A client and a server that run against each other.
    public struct Pair: Codable, Sendable, Hashable {
        public var client: String
        public var server: String
    }

    /// A test case or measurement as the plan uses it.
    public struct Entry: Codable, Sendable, Hashable {
        public var name: String
        /// The job's time limit in milliseconds.
        public var timeoutMilliseconds: Int64
        /// Runs of a measurement; 1 for a test case.
        public var repetitions: Int
    }

    public var protocolKind: WireProtocol
    public var servers: [String]
    public var clients: [String]
    /// In plan order: for each client, each server.
    public var pairs: [Pair]
    public var tests: [Entry]
    public var measurements: [Entry]
    /// Sorted.
    public var noAutoUnsupported: [String]

    private enum CodingKeys: String, CodingKey {
        case protocolKind = "protocol"
        case servers, clients, pairs, tests, measurements, noAutoUnsupported
    }

    /// The identity of a resolved configuration.
    public init(_ configuration: RunConfiguration) {
        func entry(_ test: TestEntry) -> Entry {
            let parts = test.timeout.components
            let milliseconds = parts.seconds * 1000 + parts.attoseconds / 1_000_000_000_000_000
            return Entry(name: test.name, timeoutMilliseconds: milliseconds, repetitions: max(1, test.repetitions))
        }
        protocolKind = configuration.protocolKind
        servers = configuration.servers
        clients = configuration.clients
        pairs = configuration.pairs.map { Pair(client: $0.client, server: $0.server) }
        tests = configuration.tests.map(entry)
        measurements = configuration.measurements.map(entry)
        noAutoUnsupported = configuration.noAutoUnsupported.sorted()
    }

    /// Every job of the matrix in plan order: each pair's test cases, then each pair's measurement repetitions (as
    /// ``Plan`` runs them).
    public var jobIDs: [JobID] {
        var ids: [JobID] = []
        for pair in pairs {
            for test in tests { ids.append(JobID(server: pair.server, client: pair.client, test: test.name)) }
        }
        for pair in pairs {
            for measurement in measurements {
                for repetition in 1...measurement.repetitions {
                    ids.append(
                        JobID(server: pair.server, client: pair.client, test: measurement.name, repetition: repetition))
                }
            }
        }
        return ids
    }

    /// One line per field that differs, naming both values: `servers: quic-go, ngtcp2 in the journal, quic-go in
    /// this run`. Empty when the two are the same matrix.
    public func differences(from other: MatrixIdentity, mine: String, theirs: String) -> [String] {
        func names(_ list: [String]) -> String { list.isEmpty ? "none" : list.joined(separator: ", ") }
        func entries(_ list: [Entry]) -> String {
            names(
                list.map {
                    let ms = $0.timeoutMilliseconds
                    let timeout = ms % 1000 == 0 ? "\(ms / 1000)" : "\(Double(ms) / 1000)"
                    return "\($0.name) (\(timeout) s" + ($0.repetitions > 1 ? " × \($0.repetitions))" : ")")
                })
        }
        var lines: [String] = []
        func compare(_ field: String, _ a: String, _ b: String) {
            if a != b { lines.append("\(field): \(a) in \(mine), \(b) in \(theirs)") }
        }
        compare("protocol", protocolKind.rawValue, other.protocolKind.rawValue)
        compare("servers", names(servers), names(other.servers))
        compare("clients", names(clients), names(other.clients))
        if servers == other.servers && clients == other.clients {
            compare(
                "pairs", names(pairs.map { "\($0.server)_\($0.client)" }),
                names(other.pairs.map { "\($0.server)_\($0.client)" }))
        }
        compare("tests", entries(tests), entries(other.tests))
        compare("measurements", entries(measurements), entries(other.measurements))
        compare("no-auto-unsupported", names(noAutoUnsupported), names(other.noAutoUnsupported))
        return lines
    }
}
