import Foundation
import Results

extension JobEvidence {
    /// The files of a job's log folder a reader of a failure looks at first, in the order the reports list them.
    static let candidates = [
        "output.txt", "server.out.txt", "client.out.txt", "compliance-server.out.txt", "compliance-client.out.txt",
        "server/", "client/", "sim/", "sim/\(SimulatorCapture.clientSide)", "sim/\(SimulatorCapture.serverSide)",
        "server/keys.log", "client/keys.log", "server/qlog/", "client/qlog/",
    ]

    /// What the job in `folders` left: the bounded ends of both endpoints' output and which of its files exist
    /// (a folder only when it holds something), as paths from the log root through `logPath`.
    static func collect(from folders: JobFolders, logPath: String) -> JobEvidence {
        func tail(_ path: String) -> String? {
            guard let size = try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int, size > 0 else {
                return nil
            }
            return LogTail.read(path, lines: tailLines, bytes: tailBytes)
        }
        let files = candidates.filter { name in
            let path = (folders.logDir as NSString).appendingPathComponent(name)
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { return false }
            guard isDirectory.boolValue else { return true }
            return !((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []).isEmpty
        }
        return JobEvidence(
            serverOutput: tail(folders.serverOutput), clientOutput: tail(folders.clientOutput),
            files: files.map { "\(logPath)/\($0)" })
    }
}
