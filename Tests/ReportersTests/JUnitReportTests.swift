import Foundation
import Results
import Testing

@testable import Reporters

@Suite struct JUnitReportTests {
    private func write(_ run: RunResult, logBase: String = "logs/") throws -> (URL, URL) {
        let directory = try Fixtures.temporaryDirectory("junit")
        let file = directory.appendingPathComponent("junit.xml")
        try Data(try JUnitReport.render(run, logBase: logBase)).write(to: file)
        return (directory, file)
    }

    @Test func validatesAgainstTheJUnitSchemaWithTestsuitesRoot() throws {
        guard Fixtures.requireFile(Fixtures.junitSchema.path, "CI clones the repository with shared/ beside it"),
            Fixtures.requireFile("/usr/bin/xmllint", "ci/packages/reporters.apt installs libxml2-utils")
        else { return }
        for run in [Fixtures.sample, Fixtures.hostile] {
            let (directory, file) = try write(run)
            defer { try? FileManager.default.removeItem(at: directory) }
            let lint = try Fixtures.run(
                "/usr/bin/xmllint", ["--noout", "--schema", Fixtures.junitSchema.path, file.path])
            #expect(lint.status == 0, "xmllint: \(lint.stderr)")
            let root = try Fixtures.run("/usr/bin/xmllint", ["--xpath", "name(/*)", file.path])
            #expect(root.text.trimmingCharacters(in: .whitespacesAndNewlines) == "testsuites")
        }
    }

    @Test func readBackByJunitparser() throws {
        guard Fixtures.requireFile(Fixtures.venvPython, "ci/setup.sh installs ci/packages/*.pip into this venv") else {
            return
        }
        let (directory, file) = try write(Fixtures.sample)
        defer { try? FileManager.default.removeItem(at: directory) }
        let script = """
            import json, sys
            from junitparser import JUnitXml
            xml = JUnitXml.fromfile(sys.argv[1])
            suites = []
            for suite in xml:
                cases = []
                for case in suite:
                    cases.append({"name": case.name, "classname": case.classname, "time": case.time,
                                  "results": [[type(r).__name__, r.message, r.type] for r in case.result],
                                  "out": case.system_out or ""})
                suites.append({"name": suite.name, "tests": suite.tests, "failures": suite.failures,
                               "errors": suite.errors, "skipped": suite.skipped, "time": suite.time,
                               "properties": {p.name: p.value for p in suite.properties()}, "cases": cases})
            print(json.dumps(suites))
            """
        let output = try Fixtures.run(Fixtures.venvPython, ["-c", script, file.path])
        try #require(output.status == 0, "junitparser: \(output.stderr)")
        let suites = try #require(try JSONSerialization.jsonObject(with: output.stdout) as? [[String: Any]])
        #expect(
            suites.map { $0["name"] as? String } == [
                "quic.quic-go_quic-go", "quic.ngtcp2_quic-go", "quic.quic-go_lsquic", "quic.ngtcp2_lsquic",
            ])
        let pair = try #require(suites.first { $0["name"] as? String == "quic.quic-go_lsquic" })
        #expect(pair["tests"] as? Int == 6)
        #expect(pair["failures"] as? Int == 1)
        #expect(pair["errors"] as? Int == 1)
        #expect(pair["skipped"] as? Int == 3)
        let properties = try #require(pair["properties"] as? [String: String])
        #expect(properties["server"] == "quic-go")
        #expect(properties["client"] == "lsquic")
        #expect(properties["server.image"] == "martenseemann/quic-go-interop:latest")
        #expect(properties["server.version"] == "v0.48.2")
        #expect(properties["client.command"] == "/opt/interop/lsquic/run_endpoint")
        #expect(properties["client.version"] == "4.0.12")
        let cases = try #require(pair["cases"] as? [[String: Any]])
        #expect(
            cases.map { $0["name"] as? String } == [
                "handshake", "transfer", "retry", "resumption", "goodput", "crosstraffic",
            ])
        #expect(cases.allSatisfy { $0["classname"] as? String == "quic.quic-go_lsquic" })
        func results(_ name: String) -> [[String]] {
            (cases.first { $0["name"] as? String == name }?["results"] as? [[Any]])?.map { $0.map { "\($0)" } } ?? []
        }
        #expect(results("handshake").isEmpty)
        #expect(results("transfer") == [["Failure", "expected 3 files, got 2 — “missing” café 🙂", "failed"]])
        #expect(results("retry") == [["Error", "timed out after 60 s", "timeout"]])
        #expect(results("resumption").first?.first == "Skipped")
        #expect(results("crosstraffic").first?.first == "Skipped")
        let transfer = try #require(cases.first { $0["name"] as? String == "transfer" })
        #expect(transfer["time"] as? Double == 3.0)
        let out = try #require(transfer["out"] as? String)
        #expect(out.contains("[[ATTACHMENT|logs/quic-go_lsquic/transfer]]"))
        #expect(out.contains("reason: expected 3 files, got 2 — “missing” café 🙂"))

        let measured = try #require(suites.first { $0["name"] as? String == "quic.ngtcp2_lsquic" })
        let measuredProperties = try #require(measured["properties"] as? [String: String])
        #expect(measuredProperties["goodput.mean"] == "8100.166666666667")
        #expect(measuredProperties["goodput.unit"] == "kbps")
        #expect(measuredProperties["goodput.3"] == "8200.0")
        let goodput = try #require(
            (measured["cases"] as? [[String: Any]])?.first { $0["name"] as? String == "goodput" })
        #expect((goodput["out"] as? String)?.contains("[[PROPERTY|goodput.mean=8100.166666666667]]") == true)
        #expect(goodput["time"] as? Double == 37.5)

        let failedMeasurement = try #require(suites.first { $0["name"] as? String == "quic.ngtcp2_quic-go" })
        let failedGoodput = try #require(
            (failedMeasurement["cases"] as? [[String: Any]])?.first { $0["name"] as? String == "goodput" })
        #expect((failedGoodput["results"] as? [[Any]])?.first?.first as? String == "Failure")
        #expect((failedGoodput["out"] as? String)?.contains("[[ATTACHMENT|logs/ngtcp2_quic-go/goodput]]") == true)
    }

    @Test func stripsEscapesAndControlCharactersAndKeepsThreeDecimals() throws {
        let xml = String(decoding: try JUnitReport.render(Fixtures.sample), as: UTF8.self)
        #expect(xml.contains("runner: cannot create namespace\ttab"))
        #expect(!xml.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x07 })
        let times = xml.split(separator: " ").filter { $0.hasPrefix("time=\"") }
        #expect(times.count > 20)
        for time in times {
            let value = time.dropFirst(6).prefix { $0 != "\"" }
            #expect(value.split(separator: ".").last?.count == 3, "time=\(value)")
        }
        #expect(xml.contains("name=\"handshake\" classname=\"quic.quic-go_lsquic\" time=\"1.000\""))
        #expect(xml.contains("<testsuites name=\"interop-runner quic\" time=\"3723.500\""))
    }

    @Test func capsEachTestsOutputAt64KiB() throws {
        var run = Fixtures.sample
        let huge = String(repeating: "é0123456789 ", count: 20_000) + "\nsecond line"
        run.jobs[5].reason = huge
        let xml = String(decoding: try JUnitReport.render(run), as: UTF8.self)
        let start = try #require(xml.range(of: "<system-out>status: failed\nreason: é0123"))
        let end = try #require(xml[start.upperBound...].range(of: "</system-out>"))
        let output = xml[start.lowerBound..<end.upperBound]
        #expect(output.utf8.count < JUnitReport.outputLimit + 100)
        #expect(output.contains("[truncated: "))
        let message = try #require(xml.range(of: "<failure message=\"é0123"))
        let messageEnd = try #require(xml[message.upperBound...].firstIndex(of: "\""))
        #expect(xml[message.lowerBound..<messageEnd].utf8.count < JUnitReport.messageLimit + 40)
    }

    @Test func sanitizerRemovesAnsiOscAndControlCharacters() {
        #expect(TextSanitizer.clean("a\u{1B}[1;31mred\u{1B}[0m b") == "ared b")
        #expect(TextSanitizer.clean("x\u{1B}]0;title\u{07}y") == "xy")
        #expect(TextSanitizer.clean("crlf\r\nlone\rend\u{0}\u{7F}\u{85}") == "crlf\nlone\nend")
        #expect(TextSanitizer.clean("tab\tok ünï 🙂") == "tab\tok ünï 🙂")
        #expect(TextSanitizer.capped("ééé", maxBytes: 100) == "ééé")
    }
}
