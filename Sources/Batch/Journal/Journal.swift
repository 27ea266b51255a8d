import Foundation
public import Results
import Synchronization

/// An append-only record of a run: a header line (``JournalHeader``), then one JSON object per finished job, each
/// flushed to disk as the job ends.
///
/// If the runner is killed, every job that finished is in the file; a last line cut short by the kill is the only
/// possible damage: `load` leaves it out and ``init(continuing:)`` cuts it off before adding more.
public final class Journal: Sendable {
    public let path: String
    private let descriptor: Mutex<Int32>

    /// Creates (or truncates) the journal at `path` and writes `header` as its first line.
    ///
    /// - Throws: `RunnerError` when the file cannot be created or written.
    public init(path: String, header: JournalHeader) throws(RunnerError) {
        self.path = path
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_APPEND | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
            throw RunnerError(
                .unwritableOutput, "cannot create the journal \(path): \(String(cString: strerror(errno)))")
        }
        self.descriptor = Mutex(fd)
        try writeLine(Self.encode(HeaderLine(journal: header)) { "cannot encode the journal's header: \($0)" })
    }

    /// Opens the journal at `path` to add to it, after cutting off a last line a kill left unfinished.
    ///
    /// - Throws: `RunnerError` when the file cannot be read, is not a journal, or cannot be written.
    public init(continuing path: String) throws(RunnerError) {
        let contents = try Self.load(path: path)
        self.path = path
        let fd = open(path, O_WRONLY | O_APPEND | O_CLOEXEC)
        guard fd >= 0, ftruncate(fd, off_t(contents.completeLength)) == 0 else {
            let reason = String(cString: strerror(errno))
            if fd >= 0 { close(fd) }
            throw RunnerError(.unwritableOutput, "cannot continue the journal \(path): \(reason)")
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
        try writeLine(Self.encode(result) { "cannot encode the result of \(result.id): \($0)" })
    }

    private func writeLine(_ encoded: Data) throws(RunnerError) {
        var line = encoded
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

    private static func encode(_ value: some Encodable, _ message: (any Error) -> String) throws(RunnerError) -> Data {
        do {
            return try encoder.encode(value)
        } catch {
            throw RunnerError(.internal, message(error))
        }
    }

    /// What a journal holds.
    public struct Contents: Sendable {
        public var header: JournalHeader
        /// The finished jobs, in the order they finished.
        public var results: [JobResult]
        /// The bytes up to the end of the last complete line (what is kept when the journal is continued).
        public var completeLength: Int
    }

    /// Reads a journal: its header and every complete line, leaving out a last line cut short by a kill.
    ///
    /// - Throws: `RunnerError` (`badInput`) when the file cannot be read, its first line is not a header of a format
    ///   this runner reads, or another complete line is not a job result (a resumed or merged run must not
    ///   silently lose a job).
    public static func load(path: String) throws(RunnerError) -> Contents {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw RunnerError(.badInput, "cannot read the journal \(path): \(FileErrorText.describe(error))")
        }
        return try parse([UInt8](data), path: path)
    }

    /// The contents of journal text; `path` names it in errors.
    ///
    /// Every line ends with a newline when it is written whole (one `write` per line), so only a last line without
    /// one can be a kill's damage, and it is left out. Any other line that is not a job result is corruption, and
    /// an error naming its line, since a resumed or merged run must not silently lose a job.
    public static func parse(_ bytes: [UInt8], path: String) throws(RunnerError) -> Contents {
        var lines = bytes.split(separator: 0x0A, omittingEmptySubsequences: false)
        // Empty after the last newline, or the unterminated tail a kill left.
        let tail = lines.removeLast()
        guard let first = lines.first else {
            throw RunnerError(.badInput, "\(path): empty, not a journal")
        }
        let header: JournalHeader
        do {
            header = try decoder.decode(HeaderLine.self, from: Data(first)).journal
        } catch {
            throw RunnerError(.badInput, "\(path):1: not a journal header (an older runner's journal, or not one)")
        }
        guard header.format == JournalHeader.currentFormat else {
            throw RunnerError(
                .badInput,
                "\(path):1: journal format \(header.format); this runner reads format \(JournalHeader.currentFormat)")
        }
        var results: [JobResult] = []
        for (index, line) in lines.enumerated().dropFirst() {
            do {
                results.append(try decoder.decode(JobResult.self, from: Data(line)))
            } catch {
                throw RunnerError(
                    .badInput, "\(path):\(index + 1): not a job result (\(Self.summary(of: error)))")
            }
        }
        return Contents(header: header, results: results, completeLength: bytes.count - tail.count)
    }

    /// The finished jobs of a journal (see ``load(path:)``).
    public static func read(path: String) throws(RunnerError) -> [JobResult] {
        try load(path: path).results
    }

    /// The header's line: `{"journal": {...}}`, which no job line can be mistaken for.
    struct HeaderLine: Codable {
        var journal: JournalHeader
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
