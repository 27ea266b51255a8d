import Subprocess
import SystemPackage

/// What a command run inside a job namespace printed and how it ended.
public struct NamespaceCommandResult: Sendable {
    /// Whether it exited with status 0.
    public var succeeded: Bool
    /// A description of how it ended (`exited(0)`, `unhandledException(9)`, …).
    public var status: String
    /// Standard output and standard error, interleaved, up to the requested limit.
    public var output: String
}

extension JobNetwork {
    /// Runs a command inside `host`'s namespace (with the job's hosts file as `/etc/hosts`) and collects its
    /// output. A non-zero exit is a normal result. Cancelling the calling task stops the command (SIGTERM, then
    /// SIGKILL after a second).
    public func run(
        in host: NetworkHost, _ executable: String, _ arguments: [String] = [], outputLimit: Int = 16 << 20
    ) async throws -> NamespaceCommandResult {
        let command = command(in: host, executable, arguments)
        var options = PlatformOptions()
        options.createSession = true
        options.teardownSequence = [.gracefulShutDown(allowedDurationToNextStep: .seconds(1))]
        let result = try await Subprocess.run(
            .path(FilePath(command.executable)), arguments: Arguments(command.arguments), platformOptions: options,
            output: .string(limit: outputLimit), error: .combinedWithOutput)
        return NamespaceCommandResult(
            succeeded: result.terminationStatus.isSuccess, status: "\(result.terminationStatus)",
            output: result.standardOutput)
    }
}
