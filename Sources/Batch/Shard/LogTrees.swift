import Foundation
import Results

/// Combines the log trees of a matrix's shards into one; each job's folder is in exactly one shard's tree.
enum LogTrees {
    /// Links every file of each tree in `sources` into `target` (copying where a hard link is not possible, e.g.
    /// across file systems), creating folders as needed; symbolic links are recreated. `target` must not exist.
    ///
    /// - Throws: `RunnerError` when `target` exists or an entry cannot be linked or copied.
    static func combine(_ sources: [String], into target: String) throws(RunnerError) {
        let files = FileManager.default
        guard !files.fileExists(atPath: target) else {
            throw RunnerError(
                .existingLogDir, "log directory \(target) already exists; choose another output folder or remove it")
        }
        do {
            try files.createDirectory(atPath: target, withIntermediateDirectories: true)
            for source in sources where files.fileExists(atPath: source) {
                for relative in try files.subpathsOfDirectory(atPath: source).sorted() {
                    let from = (source as NSString).appendingPathComponent(relative)
                    let to = (target as NSString).appendingPathComponent(relative)
                    let type = try files.attributesOfItem(atPath: from)[.type] as? FileAttributeType
                    switch type {
                    case .typeDirectory?:
                        try files.createDirectory(atPath: to, withIntermediateDirectories: true)
                    case .typeSymbolicLink?:
                        try files.createSymbolicLink(
                            atPath: to, withDestinationPath: try files.destinationOfSymbolicLink(atPath: from))
                    default:
                        if link(from, to) != 0 { try files.copyItem(atPath: from, toPath: to) }
                    }
                }
            }
        } catch {
            throw RunnerError(
                .unwritableOutput, "cannot combine the shards' logs into \(target): \(FileErrorText.describe(error))")
        }
    }
}
