public import EndpointLauncher
public import SystemPackage

#if canImport(Glibc)
    public import Glibc
#endif

extension RunSandbox {
    /// Runs an endpoint's launch `request` through `launcher`, confined in a fresh sandbox: its writable contract
    /// folders (`/downloads`, `/logs`) become a scratch tmpfs in `workspace`, copied back to the request's folders
    /// when the endpoint ends, and a private `/tmp` is added. Returns how it ended, as
    /// ``ProcessTermination/limitReached(_:_:)`` when it reached a limit; every process it started is gone by then.
    ///
    /// `started` is called with the endpoint's pid once it runs; cancelling the calling task stops the endpoint.
    /// `role` names its scratch and cgroup (`server`, `client`); what it prints goes to `logFile`.
    ///
    /// - Throws: ``JobSetupError`` when the sandbox cannot be made or ended, or the launcher cannot be started.
    public func run(
        _ request: LaunchRequest, launcher: FilePath, role: String, workspace: String, logFile: FilePath,
        started: @escaping @Sendable (pid_t) -> Void = { _ in }
    ) async throws -> ProcessTermination {
        let sandbox = try EndpointSandbox(binds: request.binds, role: role, workspace: workspace, in: self)
        let command = ProcessCommand.endpoint(launcher: launcher, request: sandbox.confine(request), logFile: logFile)
        let termination: ProcessTermination
        do {
            termination = try await runProcessGroup(command) { group in started(group.pid) }
        } catch {
            await sandbox.discard()
            throw error
        }
        let reached = try await sandbox.finish(after: termination, logFile: logFile.string)
        return reached.isEmpty ? termination : .limitReached(reached, termination)
    }
}
