import QUICTrace
import Results

public import struct Foundation.URL

extension JobArtifacts {
    /// The artifacts a job leaves in its log folders: the simulator's two captures (``SimulatorCapture``) in
    /// `simulatorLogs`, each endpoint's `SSLKEYLOGFILE` (`/logs/keys.log`) in its own logs folder.
    public init(simulatorLogs: URL, clientLogs: URL, serverLogs: URL) {
        self.init(
            clientSideTrace: simulatorLogs.appending(path: SimulatorCapture.clientSide),
            serverSideTrace: simulatorLogs.appending(path: SimulatorCapture.serverSide),
            clientKeyLog: clientLogs.appending(path: "keys.log"),
            serverKeyLog: serverLogs.appending(path: "keys.log"))
    }

    /// Embeds the key log the checks use (upstream's `_keylog_file()`) into both captures as a pcapng Decryption
    /// Secrets Block, so Wireshark and `tshark -r` decrypt them without a key-log option, as upstream does since its
    /// #406/#412 (`editcap --inject-secrets`) for every job it judged.
    ///
    /// Returns one line for the job's `output.txt`. Nothing here changes a verdict: a capture that cannot be
    /// rewritten keeps its bytes (the new file replaces it only once complete) and the line says why.
    public func embedKeyLog() -> String {
        guard let selected = SelectedKeyLog.select(from: self) else {
            return "key log: not embedded in the captures, neither endpoint wrote a valid key log"
        }
        var embedded: [String] = []
        var problems: [String] = []
        for url in [clientSideTrace, serverSideTrace].compactMap(\.self) {
            guard case .regular = FileInspector.kind(at: url.path) else {
                problems.append("\(url.lastPathComponent) is missing")
                continue
            }
            do {
                try CaptureSecrets.embed(keyLog: selected.text, into: url.path)
                embedded.append(url.lastPathComponent)
            } catch {
                problems.append("cannot embed it in \(url.lastPathComponent): \(error.message)")
            }
        }
        var line = "key log: the \(selected.owner.rawValue)'s key log"
        line += embedded.isEmpty ? " was not embedded" : " embedded in \(embedded.joined(separator: " and "))"
        if !problems.isEmpty { line += "; " + problems.joined(separator: "; ") }
        return line
    }
}
