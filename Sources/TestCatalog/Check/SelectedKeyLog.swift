import Foundation
import QUICTrace
import Results

/// The key log a job's traces are decrypted with, chosen as upstream's `_keylog_file()`: the client's when it is
/// valid, else the server's when it is valid.
///
/// Valid means upstream's `_is_valid_keylog`: a non-empty regular file with a line starting with
/// `SERVER_HANDSHAKE_TRAFFIC_SECRET`. Both traces use the same key log, as upstream passes the same file to both, and
/// the same one is embedded into both captures after the job.
struct SelectedKeyLog: Sendable {
    /// The largest key log read; a key log holds a few lines per connection.
    static let maximumSize = 16 << 20

    /// Whose file was chosen.
    let owner: Perspective
    /// The file's text as the endpoint wrote it.
    let text: String
    /// Its secrets.
    let keyLog: KeyLog

    /// The key log of `artifacts` upstream would choose, or `nil` when neither endpoint wrote a valid one.
    static func select(from artifacts: JobArtifacts) -> SelectedKeyLog? {
        let candidates: [(Perspective, URL?)] = [(.client, artifacts.clientKeyLog), (.server, artifacts.serverKeyLog)]
        for (owner, url) in candidates {
            guard let url, let text = read(at: url.path) else { continue }
            let lines = text.split(whereSeparator: \.isNewline)
            guard lines.contains(where: { $0.hasPrefix("SERVER_HANDSHAKE_TRAFFIC_SECRET") }) else { continue }
            return SelectedKeyLog(owner: owner, text: text, keyLog: KeyLog(text: text))
        }
        return nil
    }

    /// The text of a non-empty key log no larger than the limit; endpoints write it, so links are not followed.
    private static func read(at path: String) -> String? {
        guard let file = FileInspector.openRegularFile(at: path), file.size > 0, file.size <= maximumSize else {
            return nil
        }
        var bytes = [UInt8](repeating: 0, count: file.size)
        guard let count = bytes.withUnsafeMutableBytes({ file.readFully(into: $0) }) else { return nil }
        return String(decoding: bytes[..<count], as: UTF8.self)
    }
}
