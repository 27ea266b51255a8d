import Foundation
public import Results
import Synchronization

/// An append-only record of finished jobs, one JSON object per line, flushed to disk as each job ends.
///
/// If the runner is killed, every job that finished is in the file; a line cut short by the kill is the only
/// possible damage, and `read` skips it.
public final class Journal: Sendable {
    public let path: String
    private let descriptor: Mutex<Int32>

    /// Creates (or truncates) the journal at `path`.
    ///
    /// - Throws: `RunnerError` when the file cannot be created.
    public init(path: String) throws(RunnerError) {
        self.path = path
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_APPEND | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
            throw RunnerError(
                .unwritableOutput, "cannot create the journal \(path): \(String(cString: strerror(errno)))")
        }
        self.descriptor = Mutex(fd)
    }

    deinit {
        descriptor.withLock { fd in
            if fd >= 0 { close(fd) }
        }
    }

    /// Appends one result and syncs it to disk.
    ///
    /// - Throws: `RunnerError` when the write fails (disk full); the run cannot promise its results then.
    public func append(_ result: JobResult) throws(RunnerError) {
        var line: Data
        do {
            line = try Self.encoder.encode(result)
        } catch {
            throw RunnerError(.internal, "cannot encode the result of \(result.id): \(error)")
        }
        line.append(0x0A)
        let failure: Int32? = descriptor.withLock { fd in
            // One write per line: with O_APPEND the line lands whole or not at all under concurrent writers.
            let written = line.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
            guard written == line.count else { return written < 0 ? errno : EIO }
            return fsync(fd) == 0 ? nil : errno
        }
        if let failure {
            throw RunnerError(
                .unwritableOutput, "cannot write the journal \(path): \(String(cString: strerror(failure)))")
        }
    }

    /// Reads the results of a journal, skipping a last line cut short by a kill.
    ///
    /// - Throws: `RunnerError` (`badInput`) when the file cannot be read or a complete line is not a job result.
    public static func read(path: String) throws(RunnerError) -> [JobResult] {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw RunnerError(.badInput, "cannot read the journal \(path): \(FileErrorText.describe(error))")
        }
        return try parse([UInt8](data), path: path)
    }

    /// The results of journal text; `path` names it in errors.
    ///
    /// Every line ends with a newline when it is written whole (one `write` per line), so only a last line without
    /// one can be a kill's damage, and it is skipped. Any other line that is not a job result is corruption, and
    /// an error naming its line, since a resumed or merged run must not silently lose a job.
    public static func parse(_ bytes: [UInt8], path: String) throws(RunnerError) -> [JobResult] {
        var results: [JobResult] = []
        var lines = bytes.split(separator: 0x0A, omittingEmptySubsequences: false)
        lines.removeLast()  // empty after the last newline, or the unterminated tail
        for (index, line) in lines.enumerated() {
            do {
                results.append(try decoder.decode(JobResult.self, from: Data(line)))
            } catch {
                throw RunnerError(
                    .badInput, "\(path):\(index + 1): not a job result (\(Self.summary(of: error)))")
            }
        }
        return results
    }

    /// A decoding error in a few words: which field, and what was wrong, without the raw data.
    private static func summary(of error: any Error) -> String {
        switch error {
        case DecodingError.keyNotFound(let key, _): return "missing \"\(key.stringValue)\""
        case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context):
            let field = context.codingPath.map(\.stringValue).joined(separator: ".")
            return field.isEmpty ? "not a JSON object" : "bad value at \(field)"
        case DecodingError.dataCorrupted(let context) where !context.codingPath.isEmpty:
            return "bad value at \(context.codingPath.map(\.stringValue).joined(separator: "."))"
        default: return "not JSON"
        }
    }

    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .secondsSince1970
        return encoder
    }()

    static let decoder: JSONDecoder = {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .secondsSince1970
        return decoder
    }()
}
