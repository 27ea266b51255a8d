import Batch
import Results
import Testing

@Suite struct SpecDecodingTests {
    @Test func decodesEveryField() throws {
        let spec = try MatrixSpec.decode(
            """
            protocol: quic
            registries: [a.json, b.json]
            servers: all
            clients: [quic-go, aioquic]
            tests: [handshake, transfer]
            measurements: none
            must-include: quic-go
            no-auto-unsupported: [quic-go]
            replace: {quic-go: "mine:latest"}
            jobs: 4
            runtime: process
            seed: 42
            save-files: true
            timeouts: {handshake: 30, transfer: 2.5}
            output: {dir: out, log-dir: out/logs, json: out/r.json, junit: j.xml, html: i.html, markdown: s.md, archive: l.zip}
            """, file: "m.yml")
        #expect(spec.protocolKind == .quic)
        #expect(spec.registries?.map(\.value) == ["a.json", "b.json"])
        #expect(spec.servers == .all)
        guard case .names(let clients)? = spec.clients else {
            Issue.record("clients not a list")
            return
        }
        #expect(clients.map(\.value) == ["quic-go", "aioquic"])
        #expect(clients[1].path == "clients[1]" && clients[1].line == 4)
        #expect(spec.measurements == Selection.nothing)
        #expect(spec.mustInclude?.value == "quic-go")
        #expect(spec.jobs == 4 && spec.runtime == .process && spec.seed == 42 && spec.saveFiles == true)
        #expect(spec.timeouts?.first { $0.key.value == "transfer" }?.value == 2.5)
        #expect(spec.replace?.first?.value == "mine:latest")
        #expect(spec.output.dir?.value == "out" && spec.output.archive?.value == "l.zip")
        #expect(spec.output.logDir?.value == "out/logs" && spec.output.logDir?.line == 15)
    }

    @Test func jsonSpecsAreAccepted() throws {
        let spec = try MatrixSpec.decode(#"{"protocol": "webtransport", "jobs": 2, "clients": "all"}"#, file: "m.json")
        #expect(spec.protocolKind == .webtransport && spec.jobs == 2 && spec.clients == .all)
    }

    /// Every problem at once, each with file, line, column and path (golden).
    @Test func reportsEveryProblemWithItsPlace() {
        let text = """
            protocol: quick
            jobs: "four"
            seed: -1
            tests: handshake
            servers: [quic-go, 3]
            timeout: {handshake: 30}
            timeouts: {handshake: -5}
            output: {dir: out, report: x}
            save-files: yes please
            """
        #expect(throws: SpecProblems.self) { try MatrixSpec.decode(text, file: "m.yml") }
        do {
            _ = try MatrixSpec.decode(text, file: "m.yml")
        } catch {
            #expect(
                error.description == """
                    m.yml:6:1: at timeout: unknown key "timeout"; did you mean "timeouts"?
                    m.yml:1:11: at protocol: unknown protocol "quick"; expected quic or webtransport
                    m.yml:2:7: at jobs: expected an integer, found the string "four"
                    m.yml:3:7: at seed: expected an unsigned 64-bit integer, found the integer -1
                    m.yml:4:8: at tests: expected all, none or a list of names, found the string "handshake"
                    m.yml:5:20: at servers[1]: expected a string, found the integer 3
                    m.yml:7:23: at timeouts.handshake: -5 is out of range: a number of seconds from 1 to 86400
                    m.yml:8:20: at output.report: unknown key "report"
                    m.yml:9:13: at save-files: expected true or false, found the string "yes please"
                    """)
        }
    }

    @Test func malformedDocumentsNameLineAndColumn() {
        do {
            _ = try MatrixSpec.decode("servers: [a, b\njobs: 2\n", file: "bad.yml")
            Issue.record("accepted a malformed document")
        } catch {
            #expect(error.problems.count == 1)
            #expect(error.description.hasPrefix("bad.yml:"))
            #expect(error.description.contains("malformed"))
        }
        do {
            _ = try MatrixSpec.decode(#"{"jobs": 2 /* comment */}"#, file: "bad.json")
            Issue.record("accepted a comment in JSON")
        } catch {
            #expect(error.description == "bad.json:1:12: not strict JSON: expected ',' or '}'")
        }
    }

    @Test func missingFileIsOneClearProblem() {
        do {
            _ = try MatrixSpec.load(from: "/nonexistent/spec.yml")
            Issue.record("loaded a missing file")
        } catch {
            #expect(error.description == "/nonexistent/spec.yml: cannot read the spec: no such file")
        }
    }

    /// The issue's SIGILL: `1e300` and `1e16` overflowed the conversion to a duration; `1e-300` was accepted.
    @Test(arguments: ["1e300", "1e16", "1e-300", ".nan", ".inf", "-.inf", "0", "0.5", "86401"])
    func timeoutsOutsideASecondToADayAreProblems(_ value: String) {
        #expect {
            try MatrixSpec.decode("timeouts: {transfer: \(value)}", file: "m.yml")
        } throws: { error in
            "\(error)"
                == "m.yml:1:22: at timeouts.transfer: \(value) is out of range: a number of seconds from 1 to 86400"
        }
    }

    @Test func timeoutsAtTheLimitsAreAccepted() throws {
        let spec = try MatrixSpec.decode("timeouts: {handshake: 1, transfer: 86400}", file: "m.yml")
        #expect(spec.timeouts?.values.sorted() == [1, 86_400])
    }

    @Test func duplicateKeysAreNamedAtTheirLine() {
        #expect {
            try MatrixSpec.decode("jobs: 2\nservers: [a]\njobs: 3\n", file: "m.yml")
        } throws: { error in
            "\(error)"
                == #"m.yml:1:1: duplicate key "jobs": a key may appear only once in a mapping (this is its first place)"#
        }
    }

    /// The README promises strict JSON; YAML (which reads JSON) accepted each of these.
    @Test(arguments: [
        (#"{"servers": ["quic-go",]}"#, "m.json:1:24: not strict JSON: trailing comma before ']'"),
        (#"{"jobs": 1,}"#, "m.json:1:12: not strict JSON: trailing comma before '}'"),
        (
            "{\"jobs\": 1,\n \"jobs\": 2}",
            #"m.json:2:2: not strict JSON: duplicate key "jobs" (first at line 1, column 2)"#
        ),
        (#"{"jobs": 01}"#, "m.json:1:10: not strict JSON: a number must not start with 0"),
    ])
    func jsonSpecsMustBeStrict(_ text: String, _ expected: String) {
        #expect {
            try MatrixSpec.decode(text, file: "m.json")
        } throws: { error in
            "\(error)" == expected
        }
    }

    @Test func controlCharactersAndLongValuesAreEchoedSafely() {
        let long = String(repeating: "a", count: 10_000)
        #expect {
            try MatrixSpec.decode("protocol: \"\\e]0;PWNED\\a\"\nruntime: \(long)\n", file: "m.yml")
        } throws: { error in
            "\(error)" == #"""
                m.yml:1:11: at protocol: unknown protocol "\u{1B}]0;PWNED\u{7}"; expected quic or webtransport
                m.yml:2:10: at runtime: unknown runtime "\#(String(repeating: "a", count: 64))…" (10000 bytes); expected process, docker or auto
                """#
        }
    }

    /// Strict JSON that YAML reads otherwise: Python's `json.dump` escapes 🙂 as a surrogate pair.
    @Test func jsonSurrogateEscapesAreRead() throws {
        let spec = try MatrixSpec.decode(#"{"tests": ["\ud83d\ude42", "\ud800x"], "jobs": 2}"#, file: "m.json")
        guard case .names(let names)? = spec.tests else {
            Issue.record("tests not a list")
            return
        }
        #expect(names.map(\.value) == ["🙂", "\u{FFFD}x"] && spec.jobs == 2)
    }
}

extension SpecDecodingTests {
    @Test func decodesTheKeysOfCIAtScale() throws {
        let spec = try MatrixSpec.decode(
            """
            retries: 2
            deadline: 1h30m
            shard: 2/4
            keep-traces: none
            """, file: "m.yml")
        #expect(spec.retries == 2 && spec.deadline == .seconds(5_400))
        #expect(spec.shard == ShardSelector(index: 2, count: 4) && spec.keepTraces == TracePolicy.never)
        #expect(try MatrixSpec.decode("deadline: 90", file: "m.yml").deadline == .seconds(90))
    }

    @Test func reportsBadKeysOfCIAtScaleWithTheirPlace() {
        #expect {
            try MatrixSpec.decode(
                """
                retries: 11
                deadline: soon
                shard: 5/4
                keep-traces: some
                """, file: "m.yml")
        } throws: { error in
            (error as? SpecProblems)?.problems.map(\.description) == [
                "m.yml:1:10: at retries: 11 is out of range 0...10",
                "m.yml:2:11: at deadline: expected a duration like 90s, 45m or 1h30m, found \"soon\"",
                "m.yml:3:8: at shard: expected K/N with 1 <= K <= N <= 1024, e.g. 2/4, found \"5/4\"",
                "m.yml:4:14: at keep-traces: unknown keep-traces \"some\"; expected failed, all or none",
            ]
        }
    }
}
