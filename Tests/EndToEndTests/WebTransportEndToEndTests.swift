import Foundation
import Results
import Testing

/// `-p webtransport` runs of the built runner with the real local WebTransport endpoints and fixture endpoints that
/// wrap them, one run at a time.
@Suite(.serialized) struct WebTransportEndToEndTests {
    /// The upstream `TESTCASES_WEBTRANSPORT` abbreviations, in upstream's order.
    private static let abbreviations = ["H", "UR", "US", "BR", "BS", "DR", "DS"]

    /// The cross pair aioquic-webtransport server × qh3-webtransport client passes all seven test cases (so each test
    /// case passes for a local pair, and handshake and transfers in both directions pass across implementations);
    /// the result.json is upstream's for WebTransport.
    @Test(.enabled(if: EndToEnd.canRunEndpoints), .timeLimit(.minutes(3)))
    func everyTestCasePassesAcrossImplementations() async throws {
        let matrix = try Matrix("wt-cross")
        defer { matrix.remove() }
        let output = matrix.output("out")
        let ending = try await RunnerProcess.run(
            [
                "-p", "webtransport", "--registry", matrix.registry, "-s", "aioquic-webtransport", "-c",
                "qh3-webtransport", "-n", "aioquic-webtransport,qh3-webtransport", "--jobs", "2", "--seed", "5",
                "--output-dir", output,
            ], folder: matrix.io, limit: .seconds(170))
        #expect(ending.status == 0, "\(ending.stderr)")
        let jobs = try matrix.journal(of: output)
        #expect(jobs.count == 7)
        for job in jobs.values {
            #expect(job.status == .succeeded, "\(job.id.logPath): \(job.reason ?? "")")
        }
        // Which endpoint of a send test exits first is a race (the server has its files, the client has sent them);
        // each job names the one that ended the pair. `theServerEndingASendTestStopsTheClient` makes it the server.
        for kind in ["unidirectional", "bidirectional", "datagram"] {
            let said = try String(
                contentsOfFile: output + "/logs/aioquic-webtransport_qh3-webtransport/transfer-\(kind)-send/output.txt",
                encoding: .utf8)
            #expect(said.contains(" exited first; stopping the "), "\(said)")
        }

        let text = try String(contentsOfFile: output + "/result.json", encoding: .utf8)
        let json = try #require(
            try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        let keys =
            ["start_time", "end_time", "log_dir", "servers", "clients", "urls", "tests", "quic_version"]
            + ["results", "measurements", "interop_runner"]
        let offsets = keys.map { text.range(of: "\"\($0)\": ")?.lowerBound }
        #expect(offsets.allSatisfy { $0 != nil } && offsets.compactMap(\.self) == offsets.compactMap(\.self).sorted())
        #expect(json["quic_version"] as? String == "0x1")
        #expect(json["servers"] as? [String] == ["aioquic-webtransport"])
        #expect(json["clients"] as? [String] == ["qh3-webtransport"])
        let tests = try #require(json["tests"] as? [String: [String: String]])
        #expect(Set(tests.keys) == Set(Self.abbreviations))
        #expect(
            tests["DS"] == ["name": "transfer-datagram-send", "desc": "Client sends data to server using datagrams"])
        let testOrder = Self.abbreviations.map { text.range(of: "\"\($0)\": {")?.lowerBound }
        #expect(testOrder.compactMap(\.self) == testOrder.compactMap(\.self).sorted() && !testOrder.contains(nil))
        let results = try #require(json["results"] as? [[[String: Any]]])
        #expect(results.count == 1)
        #expect(results[0].map { $0["abbr"] as? String } == Self.abbreviations)
        #expect(results[0].allSatisfy { $0["result"] as? String == "succeeded" })
        #expect((json["measurements"] as? [[Any]]).map { $0.count == 1 && $0[0].isEmpty } == true)
    }

    /// In a send test the server requests the files and may finish first: the pair ends there, as upstream's, the
    /// lingering client is stopped and the job is judged (a fixture client stays 50 s after it sent its files).
    @Test(.enabled(if: EndToEnd.canRunEndpoints), .timeLimit(.minutes(2)))
    func theServerEndingASendTestStopsTheClient() async throws {
        let matrix = try Matrix("wt-server-first")
        defer { matrix.remove() }
        let output = matrix.output("out")
        let ending = try await RunnerProcess.run(
            [
                "-p", "webtransport", "--registry", matrix.registry, "-s", "aioquic-webtransport", "-c",
                "wt-lingering-client", "-t", "transfer-unidirectional-send", "-n",
                "aioquic-webtransport,wt-lingering-client", "--seed", "5", "--output-dir", output,
            ], folder: matrix.io, limit: .seconds(110))
        #expect(ending.status == 0, "\(ending.stderr)")
        let id = JobID(
            server: "aioquic-webtransport", client: "wt-lingering-client", test: "transfer-unidirectional-send")
        let job = try #require(try matrix.journal(of: output)[id])
        #expect(job.status == .succeeded, "\(job.reason ?? "")")
        let said = try String(contentsOfFile: output + "/logs/" + id.logPath + "/output.txt", encoding: .utf8)
        #expect(said.contains("server exited first; stopping the client"), "\(said)")
        // Stopped, not waited for: the client (still sending, or lingering for 50 s) is cut short.
        #expect(job.duration < 45, "the job took \(job.duration) s")
    }

    /// Broken endpoints fail with a reason naming what broke: a corrupted pushed file, a protocol other than the
    /// client's preference, a second connection; an endpoint told an unknown test case exits 127 and is unsupported.
    @Test(.enabled(if: EndToEnd.canRunEndpoints), .timeLimit(.minutes(3)))
    func brokenEndpointsFailWithTheirCause() async throws {
        let matrix = try Matrix("wt-broken")
        defer { matrix.remove() }

        let corrupt = matrix.output("corrupt")
        let first = try await RunnerProcess.run(
            [
                "-p", "webtransport", "--registry", matrix.registry, "-s", "wt-corrupt-server", "-c",
                "qh3-webtransport",
                "-t", "transfer-bidirectional-receive", "-n", "wt-corrupt-server,qh3-webtransport", "--output-dir",
                corrupt,
            ], folder: matrix.io)
        #expect(first.status == 1, "\(first.stderr)")
        let corrupted = try #require(
            try matrix.journal(of: corrupt)[
                JobID(server: "wt-corrupt-server", client: "qh3-webtransport", test: "transfer-bidirectional-receive")])
        let logDir = corrupt + "/logs/" + corrupted.id.logPath
        let serverSaid = try String(contentsOfFile: logDir + "/server.out.txt", encoding: .utf8)
        let line = try #require(serverSaid.split(separator: "\n").first { $0.hasPrefix("corrupted ") }, "\(serverSaid)")
        let words = line.split(separator: " ")
        let file = try #require(words[1].split(separator: "/").last)
        #expect(corrupted.status == .failed)
        #expect(corrupted.reason == "file \(file) differs from the served file at byte \(words[4])")

        let handshakes = matrix.output("handshakes")
        let second = try await RunnerProcess.run(
            [
                "-p", "webtransport", "--registry", matrix.registry, "-s", "aioquic-webtransport,wt-twice", "-c",
                "wt-wrong-protocol,wt-twice,wt-unknown-testcase", "-t", "handshake", "-n",
                "aioquic-webtransport,wt-twice,wt-wrong-protocol,wt-unknown-testcase", "--jobs", "2",
                "--output-dir", handshakes,
            ], folder: matrix.io)
        #expect(second.status == 1, "\(second.stderr)")
        let jobs = try matrix.journal(of: handshakes)

        let wrong = try #require(
            jobs[JobID(server: "aioquic-webtransport", client: "wt-wrong-protocol", test: "handshake")])
        #expect(wrong.status == .failed)
        let reason = wrong.reason ?? ""
        let match = try #require(reason.wholeMatch(of: /the client negotiated "([a-z-]+)", expected "([a-z-]+)"/))
        let (negotiated, expected) = (String(match.1), String(match.2))
        // The fixture offered the client's list reversed; the server picked from that, so the two shared protocols
        // appear in the original list with the expected one first.
        let clientSaid = try String(
            contentsOfFile: handshakes + "/logs/" + wrong.id.logPath + "/client.out.txt", encoding: .utf8)
        let offered = try #require(clientSaid.split(separator: "\n").first { $0.hasPrefix("offering ") })
        let original = offered.split(separator: " instead of ").last?.split(separator: " ").map(String.init) ?? []
        let positions = [expected, negotiated].compactMap { original.firstIndex(of: $0) }
        #expect(positions.count == 2 && positions[0] < positions[1], "\(offered) / \(reason)")

        let twice = try #require(jobs[JobID(server: "wt-twice", client: "wt-twice", test: "handshake")])
        #expect(twice.status == .failed)
        #expect(twice.reason == "expected exactly 1 handshake, saw 2")

        for server in ["aioquic-webtransport", "wt-twice"] {
            let unknown = try #require(jobs[JobID(server: server, client: "wt-unknown-testcase", test: "handshake")])
            #expect(unknown.status == .unsupported)
            #expect(unknown.reason == "client exited with status 127")
        }
    }
}
