import Foundation
import Results
import Testing

/// The experimental `postquantum` test case with real endpoints, and the key log the runner embeds into the
/// captures after every job.
@Suite(.serialized) struct PostQuantumTests {
    static let tshark = "/usr/bin/tshark"

    /// Runs tshark on `capture` with `arguments` and no key-log option; returns its standard output.
    static func tshark(_ capture: String, _ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tshark)
        process.arguments = ["-r", capture] + arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }

    /// aioquic's client (a greased 1200-byte transport parameter) and qh3's (an X25519MLKEM768 key share) split
    /// their ClientHellos and pass; quic-go's client cannot and exits 127. tshark decrypts the captures with no
    /// key-log option, because the runner embedded the key log in them.
    @Test(
        .enabled(if: EndToEnd.canRunEndpoints && FileManager.default.isExecutableFile(atPath: tshark)),
        .timeLimit(.minutes(2)))
    func splitClientHellosPassAndTheCapturesCarryTheirKeys() async throws {
        let matrix = try Matrix("postquantum")
        defer { matrix.remove() }
        let output = matrix.output("out")
        let ending = try await RunnerProcess.run(
            [
                "--registry", matrix.registry, "-s", "aioquic", "-c", "aioquic,qh3,quic-go", "-t", "postquantum",
                "-n", "aioquic,qh3,quic-go", "--jobs", "3", "--seed", "5", "--output-dir", output,
                // The captures of jobs that succeeded are what is read below.
                "--keep-traces", "all",
            ], folder: matrix.io)
        #expect(ending.status == 0, "\(ending.stderr)")
        let results = try matrix.journal(of: output)
        for client in ["aioquic", "qh3"] {
            let result = results[JobID(server: "aioquic", client: client, test: "postquantum")]
            #expect(result?.status == .succeeded, "\(client): \(result?.reason ?? ending.stderr)")
        }
        #expect(results[JobID(server: "aioquic", client: "quic-go", test: "postquantum")]?.status == .unsupported)

        let job = output + "/logs/aioquic_aioquic/postquantum"
        let jobOutput = try String(contentsOfFile: job + "/output.txt", encoding: .utf8)
        #expect(
            jobOutput.contains(
                "key log: the client's key log embedded in \(SimulatorCapture.clientSide) and \(SimulatorCapture.serverSide)"
            ),
            "\(jobOutput)")
        for capture in [SimulatorCapture.clientSide, SimulatorCapture.serverSide] {
            let streams = try Self.tshark(
                job + "/sim/" + capture, ["-Y", "quic.stream.stream_id", "-T", "fields", "-e", "quic.stream.stream_id"])
            #expect(!streams.split(separator: "\n").isEmpty, "\(capture): no STREAM frame decoded")
        }
    }

    /// `list tests` names the experimental test case and its status, in text and JSON.
    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: EndToEnd.runner)))
    func listTestsShowsTheStatus() async throws {
        let folder = try EndToEnd.temporaryFolder("list")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let text = try await RunnerProcess.run(["list", "tests"], folder: folder)
        #expect(text.status == 0)
        #expect(text.stdout.contains("postquantum (PQ, test, experimental: runs only when named)"))
        #expect(text.stdout.contains("handshake (H, test)\n"))
        let json = try await RunnerProcess.run(["list", "tests", "--json"], folder: folder)
        let rows = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]] ?? []
        let statuses = Dictionary(rows.map { ($0["name"] as? String ?? "", $0["status"] as? String ?? "") }) { $1 }
        #expect(statuses["postquantum"] == "experimental" && statuses["handshake"] == "upstream")
    }
}
