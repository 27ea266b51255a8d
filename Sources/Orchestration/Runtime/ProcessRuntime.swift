import EndpointLauncher
import Results
import SystemPackage

#if canImport(Glibc)
    import Glibc
#endif

/// Runs an endpoint as a local command: `interop-endpoint-exec` joins the host's network namespace, binds the
/// contract folders and the job's hosts file in a private mount namespace, confines the endpoint to its sandbox
/// (``EndpointSandbox``) and executes the command.
struct ProcessRuntime: EndpointRuntime {
    /// `interop-endpoint-exec`.
    let launcher: FilePath
    /// The run's sandbox settings.
    let sandbox: RunSandbox

    /// The launcher's request for `endpoint` in `network`, before the sandbox confines it.
    func launchRequest(_ endpoint: EndpointSpec, in network: JobNetwork) -> LaunchRequest {
        LaunchRequest(
            networkNamespace: network.namespacePath(endpoint.host),
            binds: endpoint.mounts,
            hostsFile: network.hostsFile(endpoint.host),
            environment: endpoint.sortedEnvironment.map { LaunchRequest.Variable(name: $0.name, value: $0.value) },
            workingDirectory: "/",
            command: [endpoint.program.reference])
    }

    func prepare(_ endpoint: EndpointSpec, in network: JobNetwork) -> PreparedEndpoint {
        PreparedEndpoint(spec: endpoint)
    }

    /// Runs the endpoint in a fresh sandbox; what it wrote is in the job's folders when this returns, and a limit it
    /// reached makes the termination ``ProcessTermination/limitReached(_:_:)``.
    func run(
        _ prepared: PreparedEndpoint, in network: JobNetwork, started: @escaping @Sendable (pid_t) -> Void
    ) async throws -> ProcessTermination {
        let spec = prepared.spec
        return try await sandbox.run(
            launchRequest(spec, in: network), launcher: launcher, role: spec.perspective.rawValue,
            workspace: spec.workspace, logFile: spec.logFile, started: started)
    }
}
