public import Foundation
public import Results

/// Combines the outputs of a matrix's shards (`interop-runner merge`) into one run: the same `RunResult` a single
/// run with the same job results would have, auto-unsupported applied once over the whole matrix.
///
/// Refuses shards of different matrices, seeds or runner versions, a shard given twice and missing shards.
public struct ShardMerge: Sendable {
    /// One shard's output folder as read.
    public struct Part: Sendable {
        public var folder: String
        public var manifest: ShardManifest
        public var journal: Journal.Contents
        /// The shard's log tree.
        public var logDir: String { (folder as NSString).appendingPathComponent("logs") }
    }

    /// The shards, ordered by index.
    public let parts: [Part]
    /// The merged journal's header: the whole matrix, started when the first shard started.
    public let header: JournalHeader
    /// Every job result of every shard, in plan order.
    public let jobs: [JobResult]
    /// When the last shard stopped.
    public let end: Date
    /// Why some jobs of the matrix did not run (a shard that did not finish), if some did not.
    public let incompleteReason: String?
    /// Differences between the shards that do not stop the merge (another image ID, another trace policy).
    public let warnings: [String]

    /// Reads and checks the shard outputs in `folders`.
    ///
    /// - Throws: `RunnerError` (`badInput`) naming what is wrong: an unreadable shard, shards of different
    ///   matrices, seeds or runner versions, a shard given twice, missing shards, a job in the wrong shard.
    public init(folders: [String]) throws(RunnerError) {
        var parts: [Part] = []
        for folder in folders { parts.append(try Self.read(folder)) }
        guard let first = parts.first else { throw RunnerError(.badInput, "merge needs at least one shard folder") }
        try Self.checkOneRun(parts)
        parts = try Self.everyShardOnce(parts)
        let owners = try Self.owners(parts, of: first.journal.header.matrix)
        var jobs: [JobResult] = []
        var unfinished: [String] = []
        for part in parts {
            for result in part.journal.results where owners[result.id] != part.manifest.shard.index {
                throw RunnerError(
                    .badInput, "\(part.folder): its journal has \(result.id), which is not one of its jobs")
            }
            jobs += part.journal.results
            let notRun = RunAssembly.notRun(part.manifest.jobs, finished: part.journal.results)
            if !notRun.isEmpty {
                let why = part.manifest.incompleteReason ?? (part.manifest.end == nil ? "it did not finish" : nil)
                unfinished.append(
                    "shard \(part.manifest.shard): \(notRun.count) of its \(part.manifest.jobs.count) jobs did not run"
                        + (why.map { " (\($0))" } ?? ""))
            }
        }
        var header = first.journal.header
        header.shard = nil
        header.start = parts.map(\.journal.header.start).min() ?? header.start
        self.parts = parts
        self.header = header
        self.jobs = jobs
        self.end = parts.map { $0.manifest.end ?? $0.journal.header.start }.max() ?? header.start
        self.incompleteReason = unfinished.isEmpty ? nil : unfinished.joined(separator: "; ")
        self.warnings = Self.warnings(parts)
    }

    /// One shard's folder: its manifest and its journal, which must agree on the shard.
    private static func read(_ folder: String) throws(RunnerError) -> Part {
        let manifest = try ShardManifest.read(from: folder)
        let journal = try Journal.load(path: (folder as NSString).appendingPathComponent("journal.jsonl"))
        guard journal.header.shard == manifest.shard else {
            throw RunnerError(
                .badInput,
                "\(folder): \(ShardManifest.fileName) is shard \(manifest.shard), its journal "
                    + (journal.header.shard.map { "shard \($0)" } ?? "a whole run"))
        }
        return Part(folder: folder, manifest: manifest, journal: journal)
    }

    /// Checks that every part is of the first's run: the same matrix, seed, runner version and shard count.
    private static func checkOneRun(_ parts: [Part]) throws(RunnerError) {
        guard let first = parts.first else { return }
        let count = first.manifest.shard.count
        for part in parts.dropFirst() {
            var differences = first.journal.header.differences(
                from: part.journal.header, mine: first.folder, theirs: part.folder)
            if part.manifest.shard.count != count {
                differences = [
                    "\(first.folder) is one of \(count) shards, \(part.folder) one of \(part.manifest.shard.count)"
                ]
            } else {
                // Each part is another shard of the same run.
                differences.removeAll { $0.hasPrefix("part: ") }
            }
            guard differences.isEmpty else {
                throw RunnerError(.badInput, "the shards are not of one run: " + differences.joined(separator: "; "))
            }
        }
    }

    /// The parts ordered by index, after checking each shard is there once.
    private static func everyShardOnce(_ parts: [Part]) throws(RunnerError) -> [Part] {
        guard let count = parts.first?.manifest.shard.count else { return parts }
        var byIndex: [Int: Part] = [:]
        for part in parts {
            if let earlier = byIndex[part.manifest.shard.index] {
                throw RunnerError(
                    .badInput, "shard \(part.manifest.shard) is given twice: \(earlier.folder) and \(part.folder)")
            }
            byIndex[part.manifest.shard.index] = part
        }
        let missing = (1...count).filter { byIndex[$0] == nil }
        guard missing.isEmpty else {
            throw RunnerError(
                .badInput,
                "missing shard\(missing.count == 1 ? "" : "s") \(missing.map(String.init).joined(separator: ", ")) "
                    + "of \(count); give the output folder of every shard")
        }
        return parts.sorted { $0.manifest.shard.index < $1.manifest.shard.index }
    }

    /// The shard of every job of `matrix`, after checking the shards split it into disjoint parts.
    private static func owners(_ parts: [Part], of matrix: MatrixIdentity) throws(RunnerError) -> [JobID: Int] {
        var owners: [JobID: Int] = [:]
        for part in parts {
            for id in part.manifest.jobs where owners.updateValue(part.manifest.shard.index, forKey: id) != nil {
                throw RunnerError(
                    .badInput, "job \(id) belongs to two shards; the shards split the matrix differently")
            }
        }
        let planned = matrix.jobIDs
        guard owners.count == planned.count, planned.allSatisfy({ owners[$0] != nil }) else {
            throw RunnerError(.badInput, "the shards' jobs are not the matrix's; the shards split it differently")
        }
        return owners
    }

    /// What differs between the shards without stopping the merge.
    private static func warnings(_ parts: [Part]) -> [String] {
        guard let first = parts.first else { return [] }
        var warnings: [String] = []
        for part in parts.dropFirst() {
            if part.journal.header.programs != first.journal.header.programs {
                warnings.append(
                    "\(part.folder) started the implementations differently from \(first.folder) (another image ID "
                        + "or command); the reports show \(first.folder)'s")
            }
            if part.journal.header.traces != first.journal.header.traces {
                warnings.append(
                    "\(part.folder) kept traces for \(part.journal.header.traces.rawValue) jobs, \(first.folder) for "
                        + "\(first.journal.header.traces.rawValue)")
            }
        }
        return warnings
    }

    /// The merged run with its log tree at `logDir`, auto-unsupported applied; and upstream's post-processing lines.
    public func result(logDir: String) -> (result: RunResult, notes: [String]) {
        RunAssembly.result(
            header: header, jobs: jobs, end: end, logDir: logDir, traces: header.traces,
            incompleteReason: incompleteReason, postProcess: true)
    }

    /// Writes the merged journal (the whole matrix's header, then every job in plan order) to `path`.
    ///
    /// - Throws: `RunnerError` when it cannot be written.
    public func writeJournal(to path: String) throws(RunnerError) {
        let journal = try Journal(path: path, header: header)
        let ordered = RunAssembly.result(
            header: header, jobs: jobs, end: end, logDir: "", traces: header.traces, incompleteReason: nil,
            postProcess: false)
        for job in ordered.result.jobs { try journal.append(job) }
    }

    /// Every shard's log tree, linked (or copied, across file systems) into `logDir`, which must not exist.
    ///
    /// - Throws: `RunnerError` when `logDir` exists or a file cannot be linked or copied.
    public func combineLogs(into logDir: String) throws(RunnerError) {
        try LogTrees.combine(parts.map(\.logDir), into: logDir)
    }

}
