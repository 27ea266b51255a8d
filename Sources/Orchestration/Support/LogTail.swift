import Foundation

/// The end of a log file, bounded, for a report to quote: what an endpoint said last.
enum LogTail {
    /// The last `lines` lines of the file at `path`, at most `bytes` bytes of it (a cut line loses its start), or a
    /// note that it could not be read. Invalid UTF-8 is replaced, never dropped.
    static func read(_ path: String, lines: Int = 30, bytes: Int = 4096) -> String {
        guard let handle = FileHandle(forReadingAtPath: path) else { return "(\(path) could not be read)" }
        defer { try? handle.close() }
        let size = (try? handle.seekToEnd()) ?? 0
        let start = size > UInt64(bytes) ? size - UInt64(bytes) : 0
        guard (try? handle.seek(toOffset: start)) != nil, let data = try? handle.readToEnd() else {
            return "(\(path) could not be read)"
        }
        var text = String(decoding: data, as: UTF8.self)
        if start > 0, let newline = text.firstIndex(of: "\n") { text = String(text[text.index(after: newline)...]) }
        let kept = text.split(separator: "\n", omittingEmptySubsequences: false).suffix(lines + 1)
        return kept.joined(separator: "\n").trimmingCharacters(in: .newlines)
    }
}
