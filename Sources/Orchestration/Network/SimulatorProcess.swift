import Logging
import Results
import Subprocess
import Synchronization
import SystemPackage

/// Runs `interop-sim` in the job's simulator namespace for the duration of a body: starts it, waits for its
/// "ready" line, copies its output to `output.txt`, and stops it (SIGTERM, so it flushes its captures; SIGKILL
/// after two seconds) however the body ends.
enum SimulatorProcess {
    /// The line `interop-sim` prints once its sockets are open.
    static let readyLine = "interop-sim: ready"

    /// Runs `body` while `interop-sim` forwards in `network`; see the type's description.
    static func run<R: Sendable>(
        network: JobNetwork, options: JobNetworkOptions, logger: Logger, _ body: () async throws -> R
    ) async throws -> R {
        guard let executable = options.simulatorExecutable ?? InteropSimLocator.locate() else {
            throw NetworkError(
                .simulatorNotFound, "interop-sim not found (set INTEROP_SIM or build the interop-sim product)")
        }
        var arguments = [network.scenario, "--seed", String(network.seed)]
        if let directory = options.simulatorLogDirectory { arguments += ["--capture-directory", directory] }
        arguments += network.simulatorNeighborArguments
        if options.waitsForServer { arguments += ["--wait-for-server", "\(SimulatorAddressing.serverIPv4):443"] }
        let command = network.command(in: .simulator, executable, arguments)
        var log: FileDescriptor?
        if let directory = options.simulatorLogDirectory {
            log = try? FileDescriptor.open(
                FilePath(directory + "/output.txt"), .writeOnly, options: [.create, .truncate],
                permissions: [.ownerReadWrite, .groupRead, .otherRead])
        }
        defer { try? log?.close() }
        let logFile = log
        let tail = OutputTail()
        var platformOptions = PlatformOptions()
        platformOptions.createSession = true
        platformOptions.teardownSequence = [.gracefulShutDown(allowedDurationToNextStep: .seconds(2))]
        let outcome = try await Subprocess.run(
            .path(FilePath(command.executable)), arguments: Arguments(command.arguments),
            platformOptions: platformOptions, input: .none, output: .sequence, error: .combinedWithOutput
        ) { execution -> R in
            let (ready, readiness) = AsyncStream<Void>.makeStream()
            return try await withThrowingTaskGroup(of: Void.self, returning: R.self) { group in
                group.addTask {
                    var announced = false
                    for try await line in execution.standardOutput.strings() {
                        if let logFile { _ = try? logFile.writeAll((line + "\n").utf8) }
                        tail.append(line)
                        if !announced && line == readyLine {
                            announced = true
                            readiness.yield()
                        }
                    }
                    readiness.finish()
                }
                var iterator = ready.makeAsyncIterator()
                guard await iterator.next() != nil else {
                    await execution.teardown(using: [])
                    try Task.checkCancellation()
                    let output = tail.text
                    throw NetworkError(.simulatorFailed, "interop-sim exited before it was ready:\n\(output)")
                }
                logger.debug(
                    "simulator ready", metadata: ["seed": "\(network.seed)", "scenario": "\(network.scenario)"])
                do {
                    let result = try await body()
                    await execution.teardown(using: platformOptions.teardownSequence)
                    try await group.waitForAll()
                    return result
                } catch {
                    await execution.teardown(using: platformOptions.teardownSequence)
                    throw error
                }
            }
        }
        return outcome.closureResult
    }
}

/// The last lines of a process's output, kept for error messages.
final class OutputTail: Sendable {
    private let lines = Mutex<[String]>([])

    /// Keeps `line`, forgetting the oldest beyond 20.
    func append(_ line: String) {
        lines.withLock { lines in
            lines.append(line)
            if lines.count > 20 { lines.removeFirst() }
        }
    }

    /// The kept lines, joined.
    var text: String { lines.withLock { $0.joined(separator: "\n") } }
}
