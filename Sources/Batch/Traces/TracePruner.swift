import Foundation
import Results

/// Removes the packet traces, qlogs and key logs of a finished job that ``TracePolicy`` does not keep; the job's
/// `output.txt` and its endpoints' output and other logs stay.
enum TracePruner {
    /// Prunes `jobFolder` (the last run) and each `attempt-N` folder inside it. With ``TracePolicy/failed`` one run
    /// of a job keeps its traces: the last, when the job did not succeed; the last that failed, when it succeeded
    /// on a retry (the failure is what a reader looks for). The other runs repeat what that one shows and would
    /// triple the archive of the jobs that fail every time.
    ///
    /// - Throws: `RunnerError` when a trace cannot be removed.
    static func prune(_ jobFolder: String, of result: JobResult, policy: TracePolicy) throws(RunnerError) {
        guard policy != .all else { return }
        var kept: Int?
        if policy == .failed {
            kept = result.observedStatus != .succeeded ? 0 : result.attempts.last { $0.status != .succeeded }?.number
        }
        if kept != 0 {
            try removeTraces(in: jobFolder, skipping: Set(result.attempts.map { JobAttempt.folderName($0.number) }))
        }
        for attempt in result.attempts where attempt.number != kept {
            try removeTraces(
                in: (jobFolder as NSString).appendingPathComponent(JobAttempt.folderName(attempt.number)),
                skipping: [])
        }
    }

    /// Whether `name` (a file) is a trace: a capture, a qlog or a key log.
    static func isTraceFile(_ name: String) -> Bool {
        let lowered = name.lowercased()
        return traceSuffixes.contains { lowered.hasSuffix($0) } || keyLogNames.contains(lowered)
    }

    /// Captures of the simulator and of cross traffic, qlogs (JSON and JSON-SEQ).
    static let traceSuffixes = [".pcap", ".pcapng", ".qlog", ".sqlog"]
    /// The endpoints' `SSLKEYLOGFILE` (`/logs/keys.log`).
    static let keyLogNames: Set<String> = ["keys.log"]
    /// The endpoints' `QLOGDIR` (`/logs/qlog/`), removed whole.
    static let qlogFolderName = "qlog"

    private static func removeTraces(in folder: String, skipping topLevel: Set<String>) throws(RunnerError) {
        let files = FileManager.default
        // An unsupported job's folder is gone already.
        guard files.fileExists(atPath: folder) else { return }
        let names: [String]
        do {
            names = try files.contentsOfDirectory(atPath: folder)
        } catch {
            throw RunnerError(.unwritableOutput, "cannot list \(folder) to remove its traces: \(error)")
        }
        for name in names.sorted() where !topLevel.contains(name) {
            let path = (folder as NSString).appendingPathComponent(name)
            // Not followed: a link an endpoint left in its logs must not lead the pruning out of the job's folder.
            let isDirectory = (try? files.attributesOfItem(atPath: path)[.type] as? FileAttributeType) == .typeDirectory
            if isDirectory && name != qlogFolderName {
                try removeTraces(in: path, skipping: [])
                continue
            }
            guard isDirectory || isTraceFile(name) else { continue }
            do {
                try files.removeItem(atPath: path)
            } catch {
                throw RunnerError(.unwritableOutput, "cannot remove the trace \(path): \(error)")
            }
        }
    }
}
