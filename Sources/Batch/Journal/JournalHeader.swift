public import Foundation
public import Results

/// The first line of a journal: the run it records, so that a resumed run, a merge of shards and a report are
/// rebuilt from journals alone.
public struct JournalHeader: Codable, Sendable, Hashable {
    /// The layout of the journal; a reader refuses one it does not know.
    public var format: Int
    public var matrix: MatrixIdentity
    public var seed: UInt64
    public var runnerVersion: String
    /// The part of the matrix this run is, when it is a shard.
    public var shard: ShardSelector?
    /// When the run (its first part, for a resumed run) started.
    public var start: Date
    /// The registry entries of the matrix's implementations, by name.
    public var implementations: [String: Implementation]
    /// What started each implementation.
    public var programs: [String: EndpointProgram]
    public var tests: [TestDescriptor]
    public var measurements: [TestDescriptor]
    /// Which jobs keep their traces in the log tree (a setting of the run, not part of what it tests).
    public var traces: TracePolicy

    /// The layout this runner writes.
    public static let currentFormat = 1

    /// Creates a header of the current format.
    public init(
        matrix: MatrixIdentity,
        seed: UInt64,
        runnerVersion: String,
        shard: ShardSelector?,
        start: Date,
        implementations: [String: Implementation],
        programs: [String: EndpointProgram],
        tests: [TestDescriptor],
        measurements: [TestDescriptor],
        traces: TracePolicy
    ) {
        self.format = Self.currentFormat
        self.matrix = matrix
        self.seed = seed
        self.runnerVersion = runnerVersion
        self.shard = shard
        self.start = start
        self.implementations = implementations
        self.programs = programs
        self.tests = tests
        self.measurements = measurements
        self.traces = traces
    }

    /// Why a run with `other` cannot continue or join this one, one line per difference (matrix, seed, runner
    /// version, shard); empty when it can. `mine` and `theirs` name the two sides in the lines.
    public func differences(from other: JournalHeader, mine: String, theirs: String) -> [String] {
        var lines = matrix.differences(from: other.matrix, mine: mine, theirs: theirs)
        if seed != other.seed { lines.append("seed: \(seed) in \(mine), \(other.seed) in \(theirs)") }
        if runnerVersion != other.runnerVersion {
            lines.append("runner version: \(runnerVersion) in \(mine), \(other.runnerVersion) in \(theirs)")
        }
        if shard != other.shard {
            func describe(_ shard: ShardSelector?) -> String { shard.map { "shard \($0)" } ?? "the whole matrix" }
            lines.append("part: \(describe(shard)) in \(mine), \(describe(other.shard)) in \(theirs)")
        }
        return lines
    }
}
