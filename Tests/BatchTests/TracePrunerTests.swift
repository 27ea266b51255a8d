import Foundation
import Results
import Testing

@testable import Batch

@Suite struct TracePrunerTests {
    /// A job folder as the runner leaves it: the runner's and endpoints' output, endpoint logs, key logs, qlogs,
    /// the simulator's captures; and an earlier attempt's folder.
    private func jobFolder(in root: String) throws -> String {
        let folder = root + "/quic-go_quic-go/transfer"
        let files = [
            "output.txt", "server.out.txt", "client.out.txt", "server/log.txt", "server/keys.log",
            "server/qlog/abc.sqlog", "client/keys.log", "client/qlog/def.qlog", "client/trace.qlog",
            "sim/trace_node_left.pcap", "sim/trace_node_right.pcapng", "sim/output.txt",
            "attempt-1/output.txt", "attempt-1/sim/trace_node_left.pcap", "attempt-1/client/keys.log",
        ]
        for file in files {
            let path = folder + "/" + file
            try FileManager.default.createDirectory(
                atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try file.write(toFile: path, atomically: true, encoding: .utf8)
        }
        return folder
    }

    private func remaining(_ folder: String) throws -> [String] {
        try FileManager.default.subpathsOfDirectory(atPath: folder).filter {
            var isDirectory: ObjCBool = false
            FileManager.default.fileExists(atPath: folder + "/" + $0, isDirectory: &isDirectory)
            return !isDirectory.boolValue
        }.sorted()
    }

    private let kept = ["client.out.txt", "output.txt", "server.out.txt", "server/log.txt", "sim/output.txt"]
    private let traces = [
        "client/keys.log", "client/qlog/def.qlog", "client/trace.qlog", "server/keys.log", "server/qlog/abc.sqlog",
        "sim/trace_node_left.pcap", "sim/trace_node_right.pcapng",
    ]
    private let attemptTraces = ["attempt-1/client/keys.log", "attempt-1/sim/trace_node_left.pcap"]

    private func flaky() -> JobResult {
        JobResult(
            id: JobID(server: "quic-go", client: "quic-go", test: "transfer"), status: .succeeded, start: .now,
            duration: 1,
            attempts: [JobAttempt(number: 1, status: .failed, reason: "x", start: .now, duration: 1, seed: 1)])
    }

    /// A flaky job keeps the traces of its failed run, a failed job those of its last run.
    @Test func failedKeepsTheTracesOfWhatDidNotSucceed() throws {
        let root = try TemporaryFolder()
        let folder = try jobFolder(in: root.path)
        try TracePruner.prune(folder, of: flaky(), policy: .failed)
        #expect(try remaining(folder) == (kept + ["attempt-1/output.txt"] + attemptTraces).sorted())
        var failed = flaky()
        failed.status = .failed
        failed.observedStatus = .failed
        let other = try jobFolder(in: root.path + "/2")
        try TracePruner.prune(other, of: failed, policy: .failed)
        #expect(try remaining(other) == (kept + traces + ["attempt-1/output.txt"]).sorted(), "the last run only")
    }

    @Test func allKeepsEverything() throws {
        let root = try TemporaryFolder()
        let folder = try jobFolder(in: root.path)
        try TracePruner.prune(folder, of: flaky(), policy: .all)
        #expect(try remaining(folder) == (kept + traces + ["attempt-1/output.txt"] + attemptTraces).sorted())
    }

    @Test func noneKeepsNoTrace() throws {
        let root = try TemporaryFolder()
        let folder = try jobFolder(in: root.path)
        var failed = flaky()
        failed.status = .failed
        failed.observedStatus = .failed
        try TracePruner.prune(folder, of: failed, policy: .never)
        #expect(try remaining(folder) == (kept + ["attempt-1/output.txt"]).sorted())
    }
}
