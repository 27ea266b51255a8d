import Foundation
import Results

/// The log folders of a job's attempts (`--retries`).
///
/// While a job runs again, its earlier attempts wait beside its folder (`<job>.attempts/attempt-N`), so the new run
/// starts in an empty folder as the first did; when the job is done they move into its folder (`<job>/attempt-N`),
/// and its last run stays where upstream's layout puts a job's logs.
enum AttemptLogs {
    /// Where the earlier attempts of the job whose folder is `jobFolder` wait.
    static func waitingRoom(of jobFolder: String) -> String { jobFolder + ".attempts" }

    /// Moves the job's folder, the logs of attempt `number`, into the waiting room.
    ///
    /// - Throws: `RunnerError` when the folder cannot be moved (the next attempt would write into it).
    static func setAside(_ jobFolder: String, attempt number: Int) throws(RunnerError) {
        let room = waitingRoom(of: jobFolder)
        let target = (room as NSString).appendingPathComponent(JobAttempt.folderName(number))
        do {
            try FileManager.default.createDirectory(atPath: room, withIntermediateDirectories: true)
            if FileManager.default.fileExists(atPath: jobFolder) {
                try FileManager.default.moveItem(atPath: jobFolder, toPath: target)
            } else {
                // An unsupported run removes its folder; the attempt still gets one, empty.
                try FileManager.default.createDirectory(atPath: target, withIntermediateDirectories: true)
            }
        } catch {
            throw RunnerError(.infrastructure, "cannot keep the logs of attempt \(number) of \(jobFolder): \(error)")
        }
    }

    /// Moves every waiting attempt into the job's folder (created when the last run left none).
    ///
    /// - Throws: `RunnerError` when a folder cannot be moved.
    static func bringBack(_ jobFolder: String) throws(RunnerError) {
        let room = waitingRoom(of: jobFolder)
        guard FileManager.default.fileExists(atPath: room) else { return }
        do {
            try FileManager.default.createDirectory(atPath: jobFolder, withIntermediateDirectories: true)
            for name in try FileManager.default.contentsOfDirectory(atPath: room).sorted() {
                try FileManager.default.moveItem(
                    atPath: (room as NSString).appendingPathComponent(name),
                    toPath: (jobFolder as NSString).appendingPathComponent(name))
            }
            try FileManager.default.removeItem(atPath: room)
        } catch {
            throw RunnerError(.infrastructure, "cannot move the earlier attempts of \(jobFolder) into it: \(error)")
        }
    }

    /// Removes whatever an unfinished job left: its folder and its waiting attempts (a resumed run starts it over).
    ///
    /// - Throws: `RunnerError` when something cannot be removed.
    static func clear(_ jobFolder: String) throws(RunnerError) {
        for path in [jobFolder, waitingRoom(of: jobFolder)] where FileManager.default.fileExists(atPath: path) {
            do {
                try FileManager.default.removeItem(atPath: path)
            } catch {
                throw RunnerError(.unwritableOutput, "cannot remove \(path), left by the interrupted run: \(error)")
            }
        }
    }
}
