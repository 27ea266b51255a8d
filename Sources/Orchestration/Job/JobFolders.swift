import Foundation
import TestCatalog

/// The folders of one job: its part of the log tree (upstream's layout) and its private workspace.
struct JobFolders: Sendable {
    /// `<log-dir>/<server>_<client>/<test>[/<repetition>]`.
    let logDir: String
    /// The job's scratch folder: generated files, downloads, certificates.
    let workspace: String

    /// The runner's lines for the job (upstream's `output.txt`).
    var output: String { logDir + "/output.txt" }
    /// The server's `/logs`.
    var serverLogs: String { logDir + "/server" }
    /// The client's `/logs`.
    var clientLogs: String { logDir + "/client" }
    /// The simulator's output and captures.
    var simulatorLogs: String { logDir + "/sim" }
    /// What the server endpoint printed; outside its `/logs`, so the endpoint cannot overwrite it.
    var serverOutput: String { logDir + "/server.out.txt" }
    /// What the client endpoint printed.
    var clientOutput: String { logDir + "/client.out.txt" }
    /// The job's `/certs`.
    var certificates: String { workspace + "/certs" }
    /// The captures and key logs the checks read, and into which the key log is embedded after the job.
    var artifacts: JobArtifacts {
        JobArtifacts(
            simulatorLogs: URL(fileURLWithPath: simulatorLogs), clientLogs: URL(fileURLWithPath: clientLogs),
            serverLogs: URL(fileURLWithPath: serverLogs))
    }

    /// Creates every folder (a log folder that exists is an error upstream refuses too, checked by the caller).
    func create() throws {
        for folder in [logDir, serverLogs, clientLogs, simulatorLogs, workspace, certificates] {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        }
    }
}
