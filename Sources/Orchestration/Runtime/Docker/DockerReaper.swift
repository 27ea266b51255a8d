import Foundation
import Logging

/// Removes the containers (endpoints and namespace holders) of runs whose runner process is gone, as
/// ``NetworkReaper`` removes their namespaces. Containers of live runs, of other machines sharing the daemon, and
/// not made by the runner are left alone.
enum DockerReaper {
    /// Removes dead runs' containers and returns their IDs; does nothing when Docker is not installed or its daemon
    /// does not answer (then there is nothing a docker run could have left).
    @discardableResult
    static func reap(with docker: DockerCLI, logger: Logger) async -> [String] {
        let listing: String
        do {
            listing = try await docker.call([
                "ps", "--all", "--no-trunc", "--filter", "label=\(DockerLabels.pid)",
                "--format", "{{.ID}} {{.Label \"\(DockerLabels.pid)\"}} {{.Label \"\(DockerLabels.host)\"}}",
            ])
        } catch {
            return []
        }
        let host = ProcessInfo.processInfo.hostName
        let dead = listing.split(separator: "\n").compactMap { line -> String? in
            let fields = line.split(separator: " ", omittingEmptySubsequences: false)
            guard fields.count == 3, String(fields[2]) == host, let pid = Int32(fields[1]) else { return nil }
            return kill(pid, 0) != 0 && errno == ESRCH ? String(fields[0]) : nil
        }
        guard !dead.isEmpty else { return [] }
        do {
            try await docker.call(["rm", "--force", "--volumes"] + dead)
            for id in dead { logger.notice("reaped leftover container \(id.prefix(12))") }
            return dead
        } catch {
            logger.error("cannot remove leftover containers", metadata: ["error": "\(error)"])
            return []
        }
    }
}

extension DockerReaper {
    /// Removes every container of the run `token` (this process's, at its end): what a job could not remove.
    static func removeContainers(ofRun token: String, with docker: DockerCLI) async {
        do {
            let ids = try await docker.call([
                "ps", "--all", "--quiet", "--filter", "label=\(DockerLabels.run)=\(token)",
            ])
            .split(separator: "\n").map(String.init)
            guard !ids.isEmpty else { return }
            try await docker.call(["rm", "--force"] + ids)
        } catch {
            // The next run's reaper removes them once this process is gone.
            return
        }
    }

    /// Whether a local Docker daemon may run (its socket exists, or `DOCKER_HOST` names one), so that a run without
    /// images still reaps a killed docker run's containers but never waits on a daemon that is not there.
    static var daemonMayRun: Bool {
        ProcessInfo.processInfo.environment["DOCKER_HOST"] != nil || access("/var/run/docker.sock", F_OK) == 0
    }
}
