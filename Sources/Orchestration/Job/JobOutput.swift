import Foundation
import Results
import Synchronization

/// The runner's own lines for one job, written to the job's `output.txt` as they happen.
///
/// Lines carry Python logging's `asctime` prefix (`2024-01-31 12:00:00,123`), as upstream's `output.txt` does, so
/// tools that read upstream logs read ours. A line may quote an endpoint (a failure reason naming a downloaded file),
/// so its control characters are escaped (`InertText`): it stays one line, and a CI that prints the file never reads
/// a workflow command or a terminal sequence in it.
public final class JobOutput: Sendable {
    public let path: String
    private let handle: Mutex<FileHandle?>

    /// Creates (or truncates) the file; a job whose output cannot be written still runs, its lines are dropped.
    public init(path: String) {
        self.path = path
        _ = FileManager.default.createFile(atPath: path, contents: nil)
        self.handle = Mutex(FileHandle(forWritingAtPath: path))
    }

    deinit {
        handle.withLock { try? $0?.close() }
    }

    /// Appends one line, `message` escaped.
    public func line(_ message: String) {
        let text = "\(Self.timestamp(Date())) \(InertText.escaped(message))\n"
        handle.withLock { $0?.write(Data(text.utf8)) }
    }

    /// Python logging's default `asctime`: local time, milliseconds after a comma.
    static func timestamp(_ date: Date) -> String {
        var seconds = time_t(date.timeIntervalSince1970.rounded(.down))
        var parts = tm()
        localtime_r(&seconds, &parts)
        let milliseconds = Int((date.timeIntervalSince1970 - Double(seconds)) * 1000)
        return String(
            format: "%04d-%02d-%02d %02d:%02d:%02d,%03d", Int(parts.tm_year) + 1900, Int(parts.tm_mon) + 1,
            Int(parts.tm_mday), Int(parts.tm_hour), Int(parts.tm_min), Int(parts.tm_sec), milliseconds)
    }
}
