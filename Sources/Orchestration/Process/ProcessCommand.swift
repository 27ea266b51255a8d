public import EndpointLauncher
public import SystemPackage

/// A program to run in its own session (process group), with its standard output and error appended to a log file.
public struct ProcessCommand: Sendable, Hashable {
    /// The program's path.
    public var executable: FilePath
    /// The arguments after the program name.
    public var arguments: [String]
    /// The exact environment of the program (nothing is inherited from the runner).
    public var environment: [String: String]
    /// The directory the program starts in, or `nil` for the runner's own.
    public var workingDirectory: FilePath?
    /// The file that receives standard output and standard error; created if missing, appended to otherwise, so
    /// several processes of one job may share one log.
    public var logFile: FilePath
    /// How long the group has between SIGTERM and SIGKILL when it is torn down.
    public var gracePeriod: Duration

    /// Creates a command.
    public init(
        executable: FilePath,
        arguments: [String] = [],
        environment: [String: String] = [:],
        workingDirectory: FilePath? = nil,
        logFile: FilePath,
        gracePeriod: Duration = .seconds(2)
    ) {
        self.executable = executable
        self.arguments = arguments
        self.environment = environment
        self.workingDirectory = workingDirectory
        self.logFile = logFile
        self.gracePeriod = gracePeriod
    }

    /// A command that starts one endpoint through `interop-endpoint-exec` at `launcher`.
    ///
    /// The launcher gets an empty environment: the endpoint's own comes from `request`, and the launcher needs none.
    public static func endpoint(
        launcher: FilePath,
        request: LaunchRequest,
        logFile: FilePath,
        gracePeriod: Duration = .seconds(2)
    ) -> ProcessCommand {
        ProcessCommand(
            executable: launcher,
            arguments: request.arguments,
            logFile: logFile,
            gracePeriod: gracePeriod
        )
    }
}
