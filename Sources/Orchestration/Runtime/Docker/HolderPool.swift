import Foundation
import Logging

/// The namespace holders of one run, per host (client or server), reused across its jobs.
///
/// Starting a container with its own network namespace costs a Docker daemon about a quarter of a second, so a job
/// takes an idle holder when there is one and gives it back, clean, when its network is gone. A holder that is not
/// clean (a job's interface survived, its program died) is removed instead. ``drain()`` removes every holder when
/// the run ends; the reaper removes those of a run that was killed.
actor HolderPool {
    private let docker: DockerCLI
    private let image: String
    private let logger: Logger
    private var idle: [NetworkHost: [Holder]] = [:]
    private var started = 0

    /// A pool that starts holders of `image` through `docker`, logging what it cannot clean up.
    init(docker: DockerCLI, image: String, logger: Logger) {
        self.docker = docker
        self.image = image
        self.logger = logger
    }

    /// An idle holder for `host`, or a new one.
    ///
    /// - Throws: ``DockerError`` when a holder cannot be started.
    func take(_ host: NetworkHost) async throws(DockerError) -> Holder {
        if let holder = idle[host]?.popLast() {
            if holder.isClean { return holder }
            await remove([holder])
        }
        started += 1
        let name = "\(JobNetwork.namePrefix)\(JobNetwork.runToken)-holder-\(host.rawValue)\(started)"
        let hostname = host == .server ? "server" : "client"
        let id = try await docker.call(
            ["run", "--detach", "--network", "none", "--hostname", hostname, "--name", name]
                + DockerLabels.arguments(kind: "holder") + [image])
        do throws(DockerError) {
            let pid = try await docker.call(["inspect", "--format", "{{.State.Pid}}", id])
            guard let value = pid_t(pid), value > 0 else {
                throw DockerError(.container, "holder \(name) has no process (pid \(pid))")
            }
            return Holder(id: id, host: host, pid: value)
        } catch {
            await remove([Holder(id: id, host: host, pid: 0)])
            throw error
        }
    }

    /// Takes back `holder` for another job if it is clean, and removes it otherwise.
    func give(_ holder: Holder) async {
        if holder.isClean {
            idle[holder.host, default: []].append(holder)
        } else {
            await remove([holder])
        }
    }

    /// Removes every idle holder; call once no job runs any more.
    func drain() async {
        let holders = idle.values.flatMap { $0 }
        idle = [:]
        await remove(holders)
    }

    private func remove(_ holders: [Holder]) async {
        guard !holders.isEmpty else { return }
        do {
            try await docker.call(["rm", "--force"] + holders.map(\.id))
        } catch {
            // No verdict depends on it; the next run's reaper removes it once this process is gone.
            logger.error("cannot remove namespace holders", metadata: ["error": "\(error)"])
        }
    }
}
