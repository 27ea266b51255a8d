import Batch
import Foundation
import Results

/// A small matrix for one end-to-end run: its folder, registry and spec, written at test time.
struct Matrix {
    /// The run's scratch folder (registry, spec, output), removed by ``remove()``.
    let folder: String
    /// The registry of real endpoints and fixtures.
    let registry: String

    /// The flaky fixture's run counter (a process listening on `flaky-once/runs.sock`), when the test uses it.
    private let counter: Process?

    /// Creates the folder and writes the registry; links the flaky fixture into the folder and, with
    /// `countingFlakyRuns`, starts its run counter there, so each test counts afresh.
    init(_ label: String, countingFlakyRuns: Bool = false) throws {
        folder = try EndToEnd.temporaryFolder(label)
        registry = try EndToEnd.writeRegistry(in: folder)
        try FileManager.default.createDirectory(atPath: folder + "/flaky-once", withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(
            atPath: folder + "/flaky-once/run_endpoint",
            withDestinationPath: EndToEnd.fixtures + "/flaky-once/run_endpoint")
        counter = countingFlakyRuns ? try Self.startCounter(socket: folder + "/flaky-once/runs.sock") : nil
        try FileManager.default.createDirectory(atPath: io, withIntermediateDirectories: true)
    }

    /// Starts the flaky fixture's counter on `socket` and waits until it listens.
    private static func startCounter(socket: String) throws -> Process {
        let counter = Process()
        counter.executableURL = URL(fileURLWithPath: EndToEnd.fixtures + "/flaky-once/counter.py")
        counter.arguments = [socket]
        // Not the test's own output: `swift test` reads that until every holder of it has exited.
        counter.standardOutput = FileHandle.nullDevice
        counter.standardError = FileHandle.nullDevice
        try counter.run()
        let deadline = ContinuousClock.now + .seconds(30)
        while !FileManager.default.fileExists(atPath: socket), ContinuousClock.now < deadline {
            usleep(10_000)
        }
        return counter
    }

    /// Where the runner's standard output and error go, apart from what the run itself writes.
    var io: String { folder + "/io" }

    /// The output folder of run `name`.
    func output(_ name: String) -> String { folder + "/" + name }

    /// Writes a spec over this matrix's registry (`extra` is more YAML, e.g. `timeouts:`) and returns its path.
    /// Without `autoUnsupported`, every implementation is exempt from upstream's auto-unsupported rule; without a
    /// `seed`, each run draws its own.
    func spec(
        servers: [String], clients: [String], tests: [String], output: String, jobs: Int, extra: String = "",
        autoUnsupported: Bool = false, seed: UInt64? = 7
    ) throws -> String {
        func list(_ names: [String]) -> String { "[" + names.joined(separator: ", ") + "]" }
        let exempt = autoUnsupported ? "" : "no-auto-unsupported: \(list(Array(Set(servers + clients)).sorted()))"
        let text = """
            registries: [\(registry)]
            servers: \(list(servers))
            clients: \(list(clients))
            tests: \(list(tests))
            measurements: none
            \(exempt)
            jobs: \(jobs)
            \(seed.map { "seed: \($0)" } ?? "")
            output:
              dir: \(output)
            \(extra)
            """
        let path = folder + "/spec-\(UInt32.random(in: 0...UInt32.max)).yml"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// The finished jobs of a run's journal, by job.
    func journal(of output: String) throws -> [JobID: JobResult] {
        let results = try Journal.read(path: output + "/journal.jsonl")
        return Dictionary(results.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// Removes the folder.
    func remove() {
        if let counter {
            // SIGKILL: `swift test` runs its tests with SIGTERM ignored, and a child inherits that.
            kill(counter.processIdentifier, SIGKILL)
            counter.waitUntilExit()
        }
        try? FileManager.default.removeItem(atPath: folder)
    }
}
