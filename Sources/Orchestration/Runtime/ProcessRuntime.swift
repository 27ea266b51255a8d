import EndpointLauncher
import Results
import SystemPackage

#if canImport(Glibc)
    import Glibc
#endif

/// Runs an endpoint as a local command: `interop-endpoint-exec` joins the host's network namespace, binds the
/// contract folders and the job's hosts file in a private mount namespace, and executes the command.
struct ProcessRuntime: EndpointRuntime {
    /// `interop-endpoint-exec`.
    let launcher: FilePath

    /// The launcher's request for `endpoint` in `network`.
    func launchRequest(_ endpoint: EndpointSpec, in network: JobNetwork) -> LaunchRequest {
        LaunchRequest(
            networkNamespace: network.namespacePath(endpoint.host),
            binds: endpoint.mounts,
            hostsFile: network.hostsFile(endpoint.host),
            environment: endpoint.sortedEnvironment.map { LaunchRequest.Variable(name: $0.name, value: $0.value) },
            workingDirectory: "/",
            command: [endpoint.program.reference])
    }

    /// The command the job's output shows and runs.
    func command(_ endpoint: EndpointSpec, in network: JobNetwork) -> ProcessCommand {
        ProcessCommand.endpoint(
            launcher: launcher, request: launchRequest(endpoint, in: network), logFile: endpoint.logFile)
    }

    func prepare(_ endpoint: EndpointSpec, in network: JobNetwork) -> PreparedEndpoint {
        PreparedEndpoint(spec: endpoint)
    }

    func run(
        _ prepared: PreparedEndpoint, in network: JobNetwork, started: @escaping @Sendable (pid_t) -> Void
    ) async throws -> ProcessTermination {
        try await runProcessGroup(command(prepared.spec, in: network)) { group in started(group.pid) }
    }
}
