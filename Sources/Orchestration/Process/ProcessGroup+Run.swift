import Subprocess
import SystemPackage

#if canImport(Glibc)
    import Glibc
#endif

/// Runs `command` in a new session while `body` runs, then tears its process group down and returns both results.
///
/// The teardown (SIGTERM to the group, ``ProcessCommand/gracePeriod``, then SIGKILL to the group) runs when `body`
/// returns, when it throws, and when the calling task is cancelled, so the process never outlives the scope. A
/// process that already exited on its own keeps its exit status. This is how a job runs its server: the body waits
/// for the server's port, runs the client, and returning stops the server.
///
/// - Throws: ``JobSetupError`` with code `spawn` when the log cannot be opened or the program cannot start; any
///   error `body` throws.
public func withProcessGroup<Result: Sendable>(
    _ command: ProcessCommand,
    _ body: (ProcessGroup) async throws -> Result
) async throws -> (result: Result, termination: ProcessTermination) {
    let setup = try ProcessGroupSetup(command)
    defer { setup.finish() }
    let outcome = try await setup.mapSpawnFailure {
        try await Subprocess.run(
            setup.configuration,
            input: .none,
            output: .fileDescriptor(setup.log, closeAfterSpawningProcess: false),
            error: .fileDescriptor(setup.log, closeAfterSpawningProcess: false)
        ) { execution in
            let group = ProcessGroup(pid: execution.processIdentifier.value)
            setup.leader = group.pid
            let result = try await body(group)
            await execution.teardown(using: setup.configuration.platformOptions.teardownSequence)
            return result
        }
    }
    return (outcome.closureResult, ProcessTermination(outcome.terminationStatus))
}

/// Runs `command` in a new session until it exits and returns how it ended.
///
/// `started` is called with the group once the process runs; its pid stays valid (at worst a zombie) until this
/// returns. Cancelling the calling task tears the process group down (SIGTERM, ``ProcessCommand/gracePeriod``,
/// SIGKILL); the function then still returns the termination, which is how a job stops an endpoint.
///
/// - Throws: ``JobSetupError`` with code `spawn` when the log cannot be opened or the program cannot start.
public func runProcessGroup(
    _ command: ProcessCommand, started: (ProcessGroup) -> Void = { _ in }
) async throws(JobSetupError) -> ProcessTermination {
    let setup = try ProcessGroupSetup(command)
    defer { setup.finish() }
    do {
        let outcome = try await Subprocess.run(
            setup.configuration,
            input: .none,
            output: .fileDescriptor(setup.log, closeAfterSpawningProcess: false),
            error: .fileDescriptor(setup.log, closeAfterSpawningProcess: false)
        ) { execution in
            setup.leader = execution.processIdentifier.value
            started(ProcessGroup(pid: execution.processIdentifier.value))
        }
        return ProcessTermination(outcome.terminationStatus)
    } catch {
        throw JobSetupError(code: .spawn, path: command.executable.string, detail: "\(error)")
    }
}

/// What both entry points share: the log file, the swift-subprocess configuration and the final sweep.
private final class ProcessGroupSetup: @unchecked Sendable {
    // @unchecked: `leader` is written once by the body closure before any read in `finish()`, which runs after
    // `Subprocess.run` has returned; no two threads touch it at the same time.
    let command: ProcessCommand
    let log: FileDescriptor
    let configuration: Configuration
    var leader: pid_t?

    /// Opens the log and builds the configuration: a new session, and a teardown that signals the whole group.
    ///
    /// Standard output and error are both the log's one descriptor, closed by ``finish()``. Not
    /// `.combinedWithOutput`: swift-subprocess 1.0.2 duplicates the output's descriptor for it and never closes the
    /// duplicate when the output is not closed after spawning, one leaked descriptor per process.
    init(_ command: ProcessCommand) throws(JobSetupError) {
        self.command = command
        do {
            // O_APPEND keeps whole lines of processes that share one log from overwriting each other.
            log = try FileDescriptor.open(
                command.logFile,
                .writeOnly,
                options: [.create, .append, .closeOnExec],
                permissions: [.ownerReadWrite, .groupRead, .otherRead]
            )
        } catch {
            throw JobSetupError(code: .spawn, path: command.logFile.string, detail: "cannot open the log: \(error)")
        }
        var options = PlatformOptions()
        options.createSession = true
        options.teardownSequence = [
            .send(signal: .terminate, toProcessGroup: true, allowedDurationToNextStep: command.gracePeriod)
        ]
        configuration = Configuration(
            executable: .path(command.executable),
            arguments: Arguments(command.arguments),
            // Not the raw-bytes form: swift-subprocess 1.0.2 strdup()s those arrays without a terminating NUL.
            environment: .custom(
                Dictionary(
                    uniqueKeysWithValues: command.environment.compactMap { name, value in
                        Environment.Key(rawValue: name).map { ($0, value) }
                    }
                )
            ),
            workingDirectory: command.workingDirectory,
            platformOptions: options
        )
    }

    /// Turns swift-subprocess's own failures (cannot spawn, cannot monitor) into a ``JobSetupError``; errors of the
    /// caller's body pass through unchanged.
    func mapSpawnFailure<T>(_ operation: () async throws -> T) async throws -> T {
        do {
            return try await operation()
        } catch let error as SubprocessError {
            throw JobSetupError(code: .spawn, path: command.executable.string, detail: "\(error)")
        }
    }

    /// Closes the log and kills what is left of the group.
    ///
    /// The teardown stops once the leader is gone, but a child that ignored SIGTERM or was still starting may
    /// survive it in the group. The kernel does not hand out a pid that is still some group's id, so while any member
    /// lives this signal can only hit those leftovers; once none does it fails with ESRCH (the leader's pid was
    /// reaped microseconds ago and is not reused that soon).
    func finish() {
        if let leader {
            _ = kill(-leader, SIGKILL)
        }
        try? log.close()
    }
}

extension ProcessTermination {
    /// Converts swift-subprocess's status, keeping that type out of this module's API.
    init(_ status: TerminationStatus) {
        switch status {
        case .exited(let code): self = .exited(code)
        case .signaled(let signal): self = .signaled(signal)
        }
    }
}
