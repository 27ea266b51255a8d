import EndpointLauncher
import Foundation
import Results
import SystemPackage

#if canImport(Glibc)
    import Glibc
#endif

/// Runs an endpoint as a container of its image, as upstream's compose file would, inside the job's network.
///
/// The container joins its host's namespace holder (`--network container:<holder>`), whose network namespace the
/// job wired with upstream's addresses, `eth0` and routes; it gets upstream's environment, bind mounts (`/www` and
/// `/certs` read-only), `NET_ADMIN`, the memlock limit, and the job's hosts file as `/etc/hosts` (Docker refuses
/// `--add-host` in that mode). Its output goes to the endpoint's log; the job's ``ContainerLedger`` removes it when
/// the job's endpoints are done, however they ended.
struct DockerRuntime: EndpointRuntime {
    let docker: DockerCLI
    /// The namespace holder of each endpoint host of the job.
    let holders: [NetworkHost: Holder]
    /// How long an endpoint has between SIGTERM and SIGKILL when it is stopped.
    let gracePeriod: Duration
    /// The containers' locked-memory limit (``MemlockLimit``).
    let memlock: Int
    /// The job's containers, removed together when its endpoints are done.
    let ledger: ContainerLedger

    /// The `docker create` arguments for `endpoint`, named `name`, in `network`.
    func createArguments(_ endpoint: EndpointSpec, name: String, in network: JobNetwork) throws(DockerError)
        -> [String]
    {
        guard let holder = holders[endpoint.host] else {
            throw DockerError(.container, "no namespace holder for the \(endpoint.perspective.rawValue)")
        }
        var arguments = [
            "create", "--name", name, "--network", "container:\(holder.id)", "--cap-add", "NET_ADMIN",
            "--ulimit", "memlock=\(memlock)", "--stop-timeout", "\(Int(gracePeriod.components.seconds))",
        ]
        arguments += DockerLabels.arguments(kind: "endpoint")
        for mount in endpoint.mounts {
            arguments += ["--volume", "\(mount.source):\(mount.target)\(mount.readOnly ? ":ro" : "")"]
        }
        arguments += ["--volume", "\(network.hostsFile(endpoint.host)):/etc/hosts:ro"]
        for variable in endpoint.sortedEnvironment {
            arguments += ["--env", "\(variable.name)=\(variable.value)"]
        }
        return arguments + [endpoint.program.reference]
    }

    /// Creates the endpoint's container and notes it in the job's ledger, which removes it when the job is done.
    func prepare(_ endpoint: EndpointSpec, in network: JobNetwork) async throws -> PreparedEndpoint {
        let docker = docker
        let name = "\(network.tag)-\(endpoint.host.rawValue)-\(UInt32.random(in: 0...UInt32.max))"
        do {
            let id = try await docker.call(createArguments(endpoint, name: name, in: network))
            await ledger.record(id)
            return PreparedEndpoint(spec: endpoint, container: id)
        } catch {
            // Cancelled half-way, the daemon may have made it all the same; if this fails too, the run's last sweep
            // (``DockerSupport/finish()``) removes it by its label.
            _ = await Self.uncancelled { try? await docker.call(["rm", "--force", name]) }
            throw error
        }
    }

    func run(
        _ prepared: PreparedEndpoint, in network: JobNetwork, started: @escaping @Sendable (pid_t) -> Void
    ) async throws -> ProcessTermination {
        guard let holder = holders[prepared.spec.host], let id = prepared.container else {
            throw DockerError(.container, "the \(prepared.spec.perspective.rawValue)'s container was not prepared")
        }
        let docker = docker
        let attached: Result<ProcessTermination, JobSetupError>
        do {
            // Attached, the CLI copies the container's output into the log, forwards SIGTERM to it when the job
            // stops the endpoint, and exits with the container's status.
            let attach = ProcessCommand(
                executable: docker.executable, arguments: ["start", "--attach", id], environment: docker.environment,
                logFile: prepared.spec.logFile, gracePeriod: gracePeriod)
            attached = .success(try await runProcessGroup(attach) { _ in started(holder.pid) })
        } catch {
            attached = .failure(error)
        }
        // Reading the state must happen even when the job was cancelled.
        let ended = await Self.uncancelled { () -> Result<ProcessTermination, DockerError> in
            do throws(DockerError) {
                return .success(try await Self.termination(of: id, with: docker))
            } catch {
                return .failure(error)
            }
        }
        _ = try attached.get()
        return try ended.get()
    }

    /// Runs `operation` in a detached task, which the caller's cancellation does not reach, and waits for it.
    private static func uncancelled<T: Sendable>(_ operation: @escaping @Sendable () async -> T) async -> T {
        await Task.detached(operation: operation).value
    }

    /// How the container ended, from the daemon: the CLI's own status cannot tell a container's exit 1 from an error
    /// of its own. The CLI may return a moment before the daemon marks the container stopped, so a running one gets
    /// a grace period to stop on its own; after a SIGKILL of the CLI it may really still run, and is killed then.
    static func termination(of id: String, with docker: DockerCLI) async throws(DockerError) -> ProcessTermination {
        var state = try await State.inspect(id, with: docker)
        if state.running {
            let stopped = try? await withTimeout(.seconds(2)) { try await docker.call(["wait", id]) }
            if stopped == nil {
                // Killing a container that stopped in the meantime fails harmlessly; the wait below is what counts.
                _ = try? await docker.call(["kill", id])
                try await docker.call(["wait", id])
            }
            state = try await State.inspect(id, with: docker)
        }
        if !state.error.isEmpty {
            throw DockerError(.container, "the container could not run its entry point: \(state.error)")
        }
        return state.oomKilled ? .signaled(SIGKILL) : .exited(state.exitCode)
    }

    /// The part of `docker inspect`'s `State` the runtime reads.
    struct State {
        var running: Bool
        var exitCode: Int32
        var error: String
        var oomKilled: Bool

        /// The state of container `id`, as `docker inspect` reports it.
        static func inspect(_ id: String, with docker: DockerCLI) async throws(DockerError) -> State {
            let json = try await docker.call(["inspect", "--format", "{{json .State}}", id])
            guard let object = try? JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any],
                let running = object["Running"] as? Bool, let exitCode = object["ExitCode"] as? Int
            else {
                throw DockerError(.container, "cannot read the state of container \(id.prefix(12)): \(json)")
            }
            return State(
                running: running, exitCode: Int32(truncatingIfNeeded: exitCode),
                error: object["Error"] as? String ?? "", oomKilled: object["OOMKilled"] as? Bool ?? false)
        }
    }
}
