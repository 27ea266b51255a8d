import Foundation

/// The labels on every container the runner starts, so a later run can tell whose it is and whether its owner is
/// still alive (the reaper removes those of runs whose process is gone).
enum DockerLabels {
    /// The run token (``JobNetwork/runToken``) of the run that started the container.
    static let run = "org.quic-interop.runner.run"
    /// The pid of the runner that started the container.
    static let pid = "org.quic-interop.runner.pid"
    /// The host name of the machine whose runner started it (a daemon may serve several machines).
    static let host = "org.quic-interop.runner.host"
    /// `holder` (a namespace holder) or `endpoint`.
    static let kind = "org.quic-interop.runner.kind"

    /// `--label` arguments naming this process's run and the container's kind.
    static func arguments(kind: String) -> [String] {
        [
            "--label", "\(run)=\(JobNetwork.runToken)", "--label", "\(pid)=\(getpid())",
            "--label", "\(host)=\(ProcessInfo.processInfo.hostName)", "--label", "\(Self.kind)=\(kind)",
        ]
    }
}
