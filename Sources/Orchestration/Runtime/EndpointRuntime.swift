import Results

#if canImport(Glibc)
    import Glibc
#endif

/// Starts one endpoint inside its job's network under the endpoint contract, stops it, and says how it ended.
///
/// The job, its network, its checks and its reports do not know which runtime ran an endpoint: ``ProcessRuntime``
/// (a local command through `interop-endpoint-exec`) and ``DockerRuntime`` (a container of an image) both honour
/// the same contract, and a pair may mix them.
protocol EndpointRuntime: Sendable {
    /// Makes `endpoint` ready to start in `network` without starting it (a container is created), so a job can
    /// prepare both endpoints at once.
    ///
    /// - Throws: ``DockerError`` when the runtime cannot prepare it.
    func prepare(_ endpoint: EndpointSpec, in network: JobNetwork) async throws -> PreparedEndpoint

    /// Runs the `prepared` endpoint in `network` until it exits and returns how it ended.
    ///
    /// `started` is called once, as soon as the endpoint runs, with a process id inside the endpoint's network
    /// namespace that stays valid while the endpoint runs (the job waits on it for the server's UDP port).
    /// Cancelling the calling task stops the endpoint (SIGTERM, a grace period, SIGKILL) and this still returns how
    /// it ended; nothing the runtime started outlives the call.
    ///
    /// - Throws: ``JobSetupError`` or ``DockerError`` when the runtime cannot start the endpoint: a fault of the
    ///   runner or the machine, never a verdict on the implementation.
    func run(
        _ prepared: PreparedEndpoint, in network: JobNetwork, started: @escaping @Sendable (pid_t) -> Void
    ) async throws -> ProcessTermination
}

extension EndpointRuntime {
    /// Prepares and runs `endpoint`, as one call.
    func run(
        _ endpoint: EndpointSpec, in network: JobNetwork, started: @escaping @Sendable (pid_t) -> Void
    ) async throws -> ProcessTermination {
        try await run(try await prepare(endpoint, in: network), in: network, started: started)
    }
}

/// An endpoint its runtime has made ready to start.
struct PreparedEndpoint: Sendable {
    /// What to start.
    var spec: EndpointSpec
    /// The container that will run it (docker runtime).
    var container: String?
}
