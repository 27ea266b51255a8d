public import Foundation
public import Results

/// `shard.json`, beside a shard's journal: which part of the matrix the shard is, the jobs it was given, and
/// whether it got through them. `interop-runner merge` reads it with the journal.
public struct ShardManifest: Codable, Sendable, Hashable {
    public var shard: ShardSelector
    /// The shard's jobs, in plan order.
    public var jobs: [JobID]
    /// When the shard stopped; `nil` while it runs (or when it was killed).
    public var end: Date?
    /// Why some of its jobs did not run, when some did not.
    public var incompleteReason: String?

    /// The file's name in the shard's output folder.
    public static let fileName = "shard.json"

    /// Creates a manifest.
    public init(shard: ShardSelector, jobs: [JobID], end: Date? = nil, incompleteReason: String? = nil) {
        self.shard = shard
        self.jobs = jobs
        self.end = end
        self.incompleteReason = incompleteReason
    }

    /// Writes the manifest into `folder`, replacing it atomically.
    ///
    /// - Throws: `RunnerError` when it cannot be written.
    public func write(into folder: String) throws(RunnerError) {
        let path = (folder as NSString).appendingPathComponent(Self.fileName)
        do {
            try Self.encoder.encode(self).write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw RunnerError(.unwritableOutput, "cannot write \(path): \(FileErrorText.describe(error))")
        }
    }

    /// Reads the manifest in `folder`.
    ///
    /// - Throws: `RunnerError` (`badInput`) when it is missing or not a manifest.
    public static func read(from folder: String) throws(RunnerError) -> ShardManifest {
        let path = (folder as NSString).appendingPathComponent(fileName)
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw RunnerError(
                .badInput, "\(folder) is not a shard's output: cannot read \(path): \(FileErrorText.describe(error))")
        }
        do {
            return try Journal.decoder.decode(ShardManifest.self, from: data)
        } catch {
            throw RunnerError(.badInput, "\(path): not a shard manifest")
        }
    }

    private static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes, .prettyPrinted]
        encoder.dateEncodingStrategy = .secondsSince1970
        return encoder
    }()
}
