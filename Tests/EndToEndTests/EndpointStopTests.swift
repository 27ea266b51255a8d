import Foundation
import QUICTrace
import Results
import Testing

/// How the local Python endpoints end when the runner stops them.
@Suite struct EndpointStopTests {
    /// A stopped aioquic or qh3 server sends nothing more, as the packages' own interop servers do when their
    /// container is stopped: a half-open connection (a client Initial it could not decrypt, as a corrupted one is)
    /// gets no CONNECTION_CLOSE, which would carry a source connection ID no handshake used and make the loss and
    /// corruption tests count one handshake too many. The fixture client sends one such Initial and exits; tshark
    /// reads the server side's capture: the client's datagram is there, and nothing from the server.
    @Test(
        .enabled(if: EndToEnd.canRunEndpoints && FileManager.default.isExecutableFile(atPath: PostQuantumTests.tshark)),
        .timeLimit(.minutes(2)))
    func aStoppedServerClosesNoHalfOpenConnection() async throws {
        let matrix = try Matrix("stray-initial")
        defer { matrix.remove() }
        let output = matrix.output("out")
        let ending = try await RunnerProcess.run(
            [
                "--registry", matrix.registry, "-s", "aioquic,qh3", "-c", "stray-initial", "-t", "handshake",
                "-n", "aioquic,qh3,stray-initial", "--jobs", "2", "--retries", "0", "--output-dir", output,
                "--keep-traces", "all",
            ], folder: matrix.io)
        // No handshake took place: the jobs fail, and their captures are what is read.
        #expect(ending.status == 1, "\(ending.stderr)")
        for server in ["aioquic", "qh3"] {
            let job = output + "/logs/\(server)_stray-initial/handshake"
            let log = (try? String(contentsOfFile: job + "/output.txt", encoding: .utf8)) ?? ending.stderr
            #expect(log.contains("stopping the server"), "\(server): \(log)")
            let capture = job + "/sim/" + SimulatorCapture.serverSide
            let toServer = try PostQuantumTests.tshark(capture, ["-Y", "udp.dstport == 443"])
            let fromServer = try PostQuantumTests.tshark(capture, ["-Y", "udp.srcport == 443"])
            #expect(toServer.status == 0 && fromServer.status == 0, "\(toServer.stderr)\(fromServer.stderr)")
            #expect(toServer.stdout.split(separator: "\n").count == 1, "\(server): \(toServer.stdout)\n\(log)")
            #expect(fromServer.stdout.isEmpty, "\(server) sent:\n\(fromServer.stdout)\n\(log)")
        }
    }
}
