import Batch
import Foundation
import Logging
import Orchestration
import Results
import TestCatalog
import Testing

/// Upstream's compliance check: a non-compliant endpoint's pair is not run (null in result.json) and every report
/// says why with its words; a check the runner could not start is the runner's error, never the implementation's.
@Suite(.serialized) struct ComplianceTests {
    @Test(.enabled(if: EndToEnd.canRunEndpoints), .timeLimit(.minutes(2)))
    func aNonCompliantEndpointsPairIsNotRun() async throws {
        let matrix = try Matrix("noncompliant")
        defer { matrix.remove() }
        let output = matrix.output("out")
        let ending = try await RunnerProcess.run(
            [
                "--registry", matrix.registry, "-s", "quic-go", "-c", "noncompliant,quic-go", "-t",
                "handshake,transfer", "-n", "quic-go,noncompliant", "--jobs", "2", "--output-dir", output,
            ], folder: matrix.io)
        #expect(ending.status == 1, "\(ending.stderr)")
        let jobs = try matrix.journal(of: output)
        for test in ["handshake", "transfer"] {
            let job = try #require(jobs[JobID(server: "quic-go", client: "noncompliant", test: test)])
            #expect(job.status == .notCompliant)
            #expect(job.reason?.hasPrefix("client noncompliant is not compliant: TESTCASE=compliance-check-") == true)
            #expect(job.reason?.hasSuffix("exited with status 0, expected exit status 127") == true)
            #expect(job.detail?.contains("says it supports compliance-check-") == true, "\(job.detail ?? "")")
            #expect(jobs[JobID(server: "quic-go", client: "quic-go", test: test)]?.status == .succeeded)
        }
        // The check ran once for the client role; the pair's other job did not even build a network.
        let logs = try FileManager.default.subpathsOfDirectory(atPath: output + "/logs")
        #expect(logs.filter { $0.hasSuffix("compliance-client.out.txt") && $0.contains("noncompliant") }.count == 1)
        let outputs = try ["handshake", "transfer"].map {
            try String(contentsOfFile: output + "/logs/quic-go_noncompliant/\($0)/output.txt", encoding: .utf8)
        }
        #expect(outputs.allSatisfy { $0.contains("is not compliant, the pair is not run") }, "\(outputs)")
        #expect(outputs.filter { $0.contains("starting server") }.count <= 1, "\(outputs)")

        // result.json: null as upstream (not run); JUnit: a failure of type not-compliant quoting the endpoint.
        let result = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: output + "/result.json")))
                as? [String: Any])
        let clients = try #require(result["clients"] as? [String])
        let servers = try #require(result["servers"] as? [String])
        let cells = try #require(result["results"] as? [[[String: Any]]])
        let cell = cells[try #require(clients.firstIndex(of: "noncompliant")) * servers.count]
        #expect(cell.count == 2 && cell.allSatisfy { $0["result"] is NSNull }, "\(cell)")
        let junit = try String(contentsOfFile: output + "/junit.xml", encoding: .utf8)
        #expect(junit.contains("type=\"not-compliant\""), "\(junit)")
        #expect(junit.contains("says it supports compliance-check-"), "the endpoint's words, escaped")
        #expect(junit.contains("&lt;and&gt; everything"))
        let summary = try String(contentsOfFile: output + "/summary.md", encoding: .utf8)
        #expect(summary.contains("not-compliant"), "\(summary)")
    }

    /// A compliance check the launcher cannot start (the command vanished after validation) is an `error` for every
    /// job that meets it, and is not remembered: the next job tries again.
    @Test(.enabled(if: EndToEnd.canRunEndpoints), .timeLimit(.minutes(5)))
    func aCheckTheRunnerCannotStartIsItsOwnError() async throws {
        let matrix = try Matrix("vanished")
        defer { matrix.remove() }
        let logger = Logger(label: "end-to-end") { _ in SwiftLogNoOpLogHandler() }
        let quicGo = Implementation(name: "quic-go", url: "https://example.invalid", role: .both)
        let vanished = Implementation(name: "vanished", url: "https://example.invalid", role: .both)
        let results = try await withRunEnvironment(logger: logger) { environment in
            let runner = JobRunner(environment: environment, logger: logger)
            var results: [JobResult] = []
            for test in [QUIC.Handshake() as any TestCase, QUIC.Transfer()] {
                let id = JobID(server: "quic-go", client: "vanished", test: test.name)
                results.append(
                    await runner.run(
                        JobRequest(
                            // Generous: the checks end at once, but the suite keeps the machine busy.
                            id: id, test: test, timeout: .seconds(120), server: quicGo, client: vanished,
                            serverProgram: .command(EndToEnd.repository + "/ci/endpoints/quic-go/run_endpoint"),
                            clientProgram: .command(matrix.folder + "/gone/run_endpoint"), seed: 1,
                            logDir: matrix.output("logs/\(id.logPath)"), saveFiles: false)))
            }
            return results
        }
        #expect(results.map(\.status) == [.error, .error], "\(results.map(\.reason))")
        for result in results {
            #expect(result.reason?.contains("interop-endpoint-exec could not start the endpoint (exit 126)") == true)
        }
        // Not cached: each job ran its own check.
        let checks = try FileManager.default.subpathsOfDirectory(atPath: matrix.output("logs"))
            .filter { $0.hasSuffix("compliance-client.out.txt") }
        #expect(checks.count == 2, "\(checks)")
    }
}
