import QUICTrace
import Results

/// The key log a job's traces are decrypted with, chosen as upstream's `_keylog_file()`: the client's when it is
/// valid, else the server's when it is valid.
///
/// Valid means upstream's `_is_valid_keylog`: a non-empty regular file with a line starting with
/// `SERVER_HANDSHAKE_TRAFFIC_SECRET`. Both traces use the same key log, as upstream passes the same file to both.
struct SelectedKeyLog: Sendable {
    /// Whose file was chosen.
    let owner: Perspective
    /// Its secrets.
    let keyLog: KeyLog
}
