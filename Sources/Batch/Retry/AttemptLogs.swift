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
        let target = folder(of: jobFolder, attempt: number)
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

    /// The folder of attempt `number` in the waiting room: where it waits after running in the job's folder, or
    /// where it runs when it runs beside other attempts of the job.
    static func folder(of jobFolder: String, attempt number: Int) -> String {
        (waitingRoom(of: jobFolder) as NSString).appendingPathComponent(JobAttempt.folderName(number))
    }

    /// After `runs` of a job ran side by side in the waiting room: removes the folders of the runs left out (neither
    /// `kept` nor `decider`), moves the deciding run's folder to the job's folder (the last run's place) and renames
    /// the kept runs' folders to the attempt numbers they take (from the first of `runs`, in order), as if the runs
    /// had been made one after the other. A waiting room left empty is removed.
    ///
    /// - Throws: `RunnerError` when a folder cannot be removed or moved.
    static func settle(_ jobFolder: String, runs: ClosedRange<Int>, kept: [Int], decider: Int) throws(RunnerError) {
        let files = FileManager.default
        do {
            for number in runs where number != decider && !kept.contains(number) {
                let folder = folder(of: jobFolder, attempt: number)
                if files.fileExists(atPath: folder) { try files.removeItem(atPath: folder) }
            }
            let deciding = folder(of: jobFolder, attempt: decider)
            if files.fileExists(atPath: deciding) { try files.moveItem(atPath: deciding, toPath: jobFolder) }
            // In increasing order a kept run moves down only onto a folder already emptied.
            for (offset, number) in kept.sorted().enumerated() where runs.lowerBound + offset != number {
                let from = folder(of: jobFolder, attempt: number)
                if files.fileExists(atPath: from) {
                    try files.moveItem(atPath: from, toPath: folder(of: jobFolder, attempt: runs.lowerBound + offset))
                }
            }
            let room = waitingRoom(of: jobFolder)
            if (try? files.contentsOfDirectory(atPath: room))?.isEmpty == true { try files.removeItem(atPath: room) }
        } catch {
            throw RunnerError(.infrastructure, "cannot keep the logs of the runs of \(jobFolder): \(error)")
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
