import Foundation

/// The built `interop-runner` started as a child process, its output in files so nothing blocks on a pipe.
final class RunnerProcess {
    /// What the finished process left.
    struct Ending {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    private let process = Process()
    private let stdoutPath: String
    private let stderrPath: String

    /// Starts the runner with `arguments` in `directory` (default: this process's) and the test's environment changed
    /// by `environment`; its output goes to files in `folder`.
    init(
        _ arguments: [String], folder: String, directory: String? = nil, environment: [String: String] = [:]
    ) throws {
        stdoutPath = folder + "/runner-\(UInt32.random(in: 0...UInt32.max)).stdout"
        stderrPath = stdoutPath.replacingOccurrences(of: ".stdout", with: ".stderr")
        _ = FileManager.default.createFile(atPath: stdoutPath, contents: nil)
        _ = FileManager.default.createFile(atPath: stderrPath, contents: nil)
        process.executableURL = URL(fileURLWithPath: EndToEnd.runner)
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
        process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: stdoutPath))
        process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: stderrPath))
        try process.run()
    }

    /// The runner's process id (its namespaces are named after it).
    var pid: Int32 { process.processIdentifier }

    /// What the runner has written to standard error so far.
    var stderrSoFar: String { (try? String(contentsOfFile: stderrPath, encoding: .utf8)) ?? "" }

    /// Sends `signal` to the runner.
    func send(_ signal: Int32) { kill(process.processIdentifier, signal) }

    /// Waits for the runner to exit, killing it after `limit`; the status is the exit code, or 128 + the signal.
    func wait(limit: Duration) async throws -> Ending {
        let deadline = ContinuousClock.now + limit
        while process.isRunning && ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(50))
        }
        if process.isRunning {
            send(SIGKILL)
            process.waitUntilExit()
        }
        let status =
            process.terminationReason == .uncaughtSignal ? 128 + process.terminationStatus : process.terminationStatus
        return Ending(
            status: status,
            stdout: (try? String(contentsOfFile: stdoutPath, encoding: .utf8)) ?? "",
            stderr: stderrSoFar)
    }

    /// Runs the runner to its end.
    static func run(
        _ arguments: [String], folder: String, directory: String? = nil, environment: [String: String] = [:],
        limit: Duration = .seconds(120)
    ) async throws -> Ending {
        try await RunnerProcess(arguments, folder: folder, directory: directory, environment: environment)
            .wait(limit: limit)
    }
}

/// Polls `condition` every `interval` until it holds or `limit` passes; returns whether it held.
func eventually(
    within limit: Duration, every interval: Duration = .milliseconds(50), _ condition: () -> Bool
) async throws -> Bool {
    let deadline = ContinuousClock.now + limit
    while ContinuousClock.now < deadline {
        if condition() { return true }
        try await Task.sleep(for: interval)
    }
    return condition()
}

extension RunnerProcess {
    /// The entry names of a zip archive, read by Python's `zipfile` (an independent reader).
    static func archiveEntries(_ archive: String) async throws -> Set<String> {
        Set(try await archiveContents(archive).keys)
    }

    /// Every file entry of a zip archive with its content's SHA-256, read by Python's `zipfile`.
    static func archiveContents(_ archive: String) async throws -> [String: String] {
        let script = """
            import hashlib, json, sys, zipfile
            with zipfile.ZipFile(sys.argv[1]) as z:
                print(json.dumps({i.filename: hashlib.sha256(z.read(i)).hexdigest() for i in z.infolist() if not i.is_dir()}))
            """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        process.arguments = ["-c", script, archive]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0,
            let entries = try JSONSerialization.jsonObject(with: output) as? [String: String]
        else { throw ArchiveReadError(archive: archive) }
        return entries
    }
}

/// Python could not read an archive.
struct ArchiveReadError: Error, CustomStringConvertible {
    var archive: String
    var description: String { "python3's zipfile cannot read \(archive)" }
}
