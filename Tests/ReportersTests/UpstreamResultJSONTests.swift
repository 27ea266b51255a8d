import Foundation
import Results
import StrictJSON
import Testing

@testable import Reporters

@Suite struct UpstreamResultJSONTests {
    private let redump = """
        import json, sys
        data = json.loads(sys.stdin.buffer.read())
        sys.stdout.write(json.dumps(data, indent=int(sys.argv[1]), ensure_ascii=False) if len(sys.argv) > 1 else json.dumps(data))
        """

    @Test func compatibleStyleIsByteIdenticalToPythonJsonDump() throws {
        for run in [Fixtures.sample, Fixtures.hostile] {
            let ours = UpstreamResultJSON.render(run)
            #expect(ours.allSatisfy { $0 < 0x80 }, "ensure_ascii output is ASCII")
            let python = try Fixtures.python(redump, input: Data(ours))
            try #require(python.status == 0, "python3: \(python.stderr)")
            #expect(python.text == String(decoding: ours, as: UTF8.self))
        }
    }

    @Test func readableStyleIsByteIdenticalToPythonIndentTwo() throws {
        let ours = UpstreamResultJSON.render(Fixtures.sample, style: .readable)
        let python = try Fixtures.run("/usr/bin/python3", ["-c", redump, "2"], input: Data(ours))
        try #require(python.status == 0, "python3: \(python.stderr)")
        #expect(python.text == String(decoding: ours, as: UTF8.self))
    }

    @Test func upstreamKeysTypesOrderAndIndexing() throws {
        let script = """
            import json, sys
            d = json.loads(sys.stdin.read())
            assert list(d) == ["start_time", "end_time", "log_dir", "servers", "clients", "urls", "tests", "quic_version",
                               "results", "measurements", "interop_runner"], list(d)
            assert isinstance(d["start_time"], float) and d["start_time"] == 1764000000.25
            assert d["end_time"] == 1764003723.75
            assert d["log_dir"] == "logs" and d["quic_version"] == "0x1"
            assert d["servers"] == ["quic-go", "ngtcp2"] and d["clients"] == ["quic-go", "lsquic"]
            assert list(d["urls"]) == ["quic-go", "lsquic", "ngtcp2"]
            assert list(d["tests"]) == ["H", "DC", "S", "R", "G", "C"]
            assert d["tests"]["G"] == {"name": "goodput", "desc": "Measures connection goodput over a 10Mbps link."}
            servers, clients = d["servers"], d["clients"]
            def cell(client, server):
                return d["results"][clients.index(client) * len(servers) + servers.index(server)]
            def measurements(client, server):
                return d["measurements"][clients.index(client) * len(servers) + servers.index(server)]
            assert len(d["results"]) == 4 and len(d["measurements"]) == 4
            assert [list(e) for e in cell("quic-go", "quic-go")] == [["abbr", "name", "result"]] * 4
            assert [e["result"] for e in cell("lsquic", "quic-go")] == ["succeeded", "failed", "failed", None]
            assert [e["result"] for e in cell("quic-go", "ngtcp2")] == ["succeeded", None, "failed", "succeeded"]
            assert [e["result"] for e in cell("lsquic", "ngtcp2")] == ["unsupported", "succeeded", "succeeded", "succeeded"]
            assert measurements("quic-go", "quic-go") == [{"name": "goodput", "abbr": "G", "result": "succeeded",
                                                          "details": "9500 (± 500) kbps"}]
            assert measurements("lsquic", "ngtcp2")[0]["details"] == "8100 (± 100) kbps"
            assert measurements("quic-go", "ngtcp2") == [{"name": "goodput", "abbr": "G", "result": "failed", "details": ""}]
            assert measurements("lsquic", "quic-go") == [{"name": "crosstraffic", "abbr": "C", "result": "unsupported",
                                                         "details": ""}]
            jobs = d["interop_runner"]["jobs"]
            assert len(jobs) == 24 and jobs[6]["status"] == "timeout" and jobs[8]["status"] == "error"
            assert jobs[5]["log_path"] == "quic-go_lsquic/transfer" and jobs[15]["log_path"] == "quic-go_quic-go/goodput/1"
            print("ok")
            """
        let output = try Fixtures.python(script, input: Data(UpstreamResultJSON.render(Fixtures.sample)))
        #expect(output.status == 0, "\(output.stderr)")
        #expect(output.text == "ok\n")
    }

    /// `-p webtransport`: upstream writes the same document (`_export_results` does not look at the protocol), with
    /// the WebTransport test cases, `quic_version` still "0x1" and one empty measurement list per pair.
    @Test func aWebTransportRunIsUpstreamsDocument() throws {
        let abbreviations = ["H", "UR", "US", "BR", "BS", "DR", "DS"]
        let names = [
            "handshake", "transfer-unidirectional-receive", "transfer-unidirectional-send",
            "transfer-bidirectional-receive", "transfer-bidirectional-send", "transfer-datagram-receive",
            "transfer-datagram-send",
        ]
        let tests = zip(names, abbreviations).map {
            TestDescriptor(name: $0, abbreviation: $1, description: "about \($0)", isMeasurement: false)
        }
        let servers = ["webtransport-go", "aioquic-webtransport"]
        var jobs: [JobResult] = []
        for (si, server) in servers.enumerated() {
            for (ti, name) in names.enumerated() {
                jobs.append(
                    JobResult(
                        id: JobID(server: server, client: "qh3-webtransport", test: name),
                        status: si == 0 && ti == 5 ? .unsupported : .succeeded, reason: nil,
                        start: Fixtures.start.addingTimeInterval(Double(si * 7 + ti)), duration: 2, seed: 9))
            }
        }
        let implementations = Dictionary(
            uniqueKeysWithValues: (servers + ["qh3-webtransport"]).map {
                ($0, Implementation(name: $0, image: nil, url: "https://example.org/\($0)", role: .both, command: "x"))
            })
        let run = RunResult(
            protocolKind: .webtransport, runnerVersion: "t", start: Fixtures.start,
            end: Fixtures.start.addingTimeInterval(60), seed: 3, logDir: "logs", servers: servers,
            clients: ["qh3-webtransport"], implementations: implementations, tests: tests, measurements: [], jobs: jobs)
        let script = """
            import json, sys
            d = json.loads(sys.stdin.read())
            assert list(d) == ["start_time", "end_time", "log_dir", "servers", "clients", "urls", "tests", "quic_version",
                               "results", "measurements", "interop_runner"], list(d)
            assert d["quic_version"] == "0x1"
            assert list(d["tests"]) == \(abbreviations), list(d["tests"])
            assert d["tests"]["DR"] == {"name": "transfer-datagram-receive", "desc": "about transfer-datagram-receive"}
            assert d["measurements"] == [[], []]
            assert [[e["abbr"] for e in cell] for cell in d["results"]] == [\(abbreviations)] * 2
            assert [e["result"] for e in d["results"][0]].count("unsupported") == 1
            assert d["results"][0][5] == {"abbr": "DR", "name": "transfer-datagram-receive", "result": "unsupported"}
            assert d["interop_runner"]["protocol"] == "webtransport"
            print("ok")
            """
        let rendered = UpstreamResultJSON.render(run)
        let output = try Fixtures.python(script, input: Data(rendered))
        #expect(output.status == 0, "\(output.stderr)")
        #expect(output.text == "ok\n")
        let redumped = try Fixtures.python(redump, input: Data(rendered))
        #expect(redumped.text == String(decoding: rendered, as: UTF8.self))
    }

    @Test func floatsMatchPythonRepr() throws {
        var generator = SystemRandomNumberGenerator()
        var values: [Double] = [
            0, -0.0, 1, -1, 0.1, 1e16, 1e15, 9_999_999_999_999_998, 1.5e16, 1e-4, 1e-5, 0.00012345, 123456789.125,
            .leastNonzeroMagnitude, .greatestFiniteMagnitude, 1_764_000_000.25, 2.5, 100, 1e22, 1.7976931348623157e308,
            3.3e-5,
        ]
        for _ in 0..<3_000 {
            values.append(Double(bitPattern: generator.next()))
            values.append(Double.random(in: 0..<2_000_000_000, using: &generator))
            values.append(Double(Int.random(in: -1_000_000...1_000_000, using: &generator)) / 1000)
        }
        values = values.filter(\.isFinite)
        let script = """
            import struct, sys
            for line in sys.stdin:
                print(repr(struct.unpack("<d", struct.pack("<Q", int(line)))[0]))
            """
        let input = values.map { String($0.bitPattern) }.joined(separator: "\n") + "\n"
        let output = try Fixtures.python(script, input: Data(input.utf8))
        try #require(output.status == 0, "\(output.stderr)")
        let expected = output.text.split(separator: "\n").map(String.init)
        try #require(expected.count == values.count)
        let mismatches = zip(values, expected).filter { PythonFloat.repr($0) != $1 }
        #expect(
            mismatches.isEmpty,
            "\(mismatches.prefix(5).map { "\($0.0.bitPattern): \(PythonFloat.repr($0.0)) vs \($0.1)" })")
        #expect(PythonFloat.repr(.nan) == "NaN" && PythonFloat.repr(-.infinity) == "-Infinity")
    }

    @Test func stringsEscapeLikePython() throws {
        let strings = [
            "plain", "quote \" backslash \\ slash /", "\u{0}\u{1}\u{8}\u{9}\u{A}\u{C}\u{D}\u{1F}\u{7F}\u{80}",
            "é ü ß", "日本語", "🙂 emoji 𝄞 clef", "\u{2028}\u{2029}", "<script>&</script>", "\u{FEFF}bom\u{FFFF}",
        ]
        let value = JSONValue.array(strings.map(JSONValue.string))
        let compatible = value.pythonJSON(.compatible)
        let output = try Fixtures.python(redump, input: Data(compatible))
        #expect(output.text == String(decoding: compatible, as: UTF8.self))
        let readable = value.pythonJSON(.readable)
        let pythonReadable = try Fixtures.run("/usr/bin/python3", ["-c", redump, "2"], input: Data(readable))
        #expect(pythonReadable.text == String(decoding: readable, as: UTF8.self))
        #expect(String(decoding: compatible, as: UTF8.self).contains(#""\ud83d\ude42 emoji \ud834\udd1e clef""#))
        #expect(try JSONParser.parse(compatible) == value)
        let html = String(
            decoding: value.pythonJSON(.init(ensureASCII: false, indent: nil, htmlSafe: true)), as: UTF8.self)
        #expect(!html.contains("<") && !html.contains(">") && html.contains(#"\u003cscript\u003e\u0026"#))
    }

    @Test func runResultRoundTrips() throws {
        for style in [UpstreamResultJSON.Style.compatible, .readable] {
            for run in [Fixtures.sample, Fixtures.hostile] {
                var withObserved = run
                withObserved.jobs[3].observedStatus = .failed
                let loaded = try loadRunResult(json: UpstreamResultJSON.render(withObserved, style: style))
                #expect(loaded == withObserved)
            }
        }
    }

    @Test func readsAnUpstreamFileWithoutOurFields() throws {
        let upstream = UpstreamResultJSON.render(Fixtures.sample, extensions: false)
        #expect(!String(decoding: upstream, as: UTF8.self).contains("interop_runner"))
        let run = try loadRunResult(json: upstream)
        #expect(run.servers == ["quic-go", "ngtcp2"] && run.clients == ["quic-go", "lsquic"])
        #expect(run.tests.map(\.abbreviation) == ["H", "DC", "S", "R"])
        #expect(run.measurements.map(\.abbreviation) == ["G", "C"])
        #expect(run.measurements[0].unit == "kbps")
        #expect(run.implementations["lsquic"]?.url == "https://github.com/litespeedtech/lsquic")
        #expect(run.implementations["lsquic"]?.role == .client && run.implementations["quic-go"]?.role == .both)
        #expect(run.result(server: "quic-go", client: "lsquic", test: "retry")?.status == .failed)
        #expect(run.result(server: "ngtcp2", client: "quic-go", test: "transfer") == nil)
        #expect(run.measurement(server: "quic-go", client: "quic-go", measurement: run.measurements[0])?.mean == 9500)
        // Rendering it again gives upstream's part unchanged (timeouts were already "failed" there), except the
        // measurements' spread, which upstream's file does not carry.
        guard
            case .object(let again) = try JSONParser.parse(UpstreamResultJSON.render(run, extensions: false)),
            case .object(let original) = try JSONParser.parse(upstream)
        else {
            Issue.record("not objects")
            return
        }
        #expect(again.map(\.key) == original.map(\.key))
        #expect(again.filter { $0.key != "measurements" } == original.filter { $0.key != "measurements" })
    }

    @Test func readsOldUpstreamFilesWithoutTests() throws {
        let old = #"""
            {"start_time": 1600000000.5, "end_time": 1600000100.0, "log_dir": "logs_2020", "servers": ["a"], "clients": ["b", "c"],
             "results": [[{"abbr": "H", "name": "handshake", "result": "succeeded"}], [{"abbr": "H", "name": "handshake", "result": null}]],
             "measurements": [[{"name": "goodput", "abbr": "G", "result": "succeeded", "details": "5000 (± 20) kbps"}], []]}
            """#
        let run = try loadRunResult(json: Array(old.utf8))
        #expect(run.tests.map(\.name) == ["handshake"] && run.measurements.map(\.name) == ["goodput"])
        #expect(run.jobs.count == 2)
        #expect(run.result(server: "a", client: "b", test: "handshake")?.status == .succeeded)
    }

    @Test func badInputNamesWhereItIsWrong() throws {
        let notJSON = #expect(throws: ReportError.self) {
            try loadRunResult(json: Array("{\"start_time\": 1,\n  oops}".utf8), source: "r.json")
        }
        #expect(notJSON?.code == .invalidResultJSON)
        #expect(notJSON?.message.hasPrefix("r.json:2:3: ") == true)

        var text = String(decoding: UpstreamResultJSON.render(Fixtures.sample), as: UTF8.self)
        text = text.replacingOccurrences(of: #""status": "timeout""#, with: #""status": "slow""#)
        let badStatus = #expect(throws: ReportError.self) { try loadRunResult(json: Array(text.utf8)) }
        #expect(badStatus?.message.contains("at interop_runner.jobs[6].status: expected one of") == true)

        var unknown = Fixtures.sample
        unknown.jobs[0].id.server = "ghost"
        let unknownServer = #expect(throws: ReportError.self) {
            try loadRunResult(json: UpstreamResultJSON.render(unknown))
        }
        #expect(unknownServer?.message.contains("jobs[0]: server \"ghost\" is not in servers") == true)

        let shortResults =
            #"{"start_time": 1, "end_time": 2, "log_dir": "l", "servers": ["a"], "clients": ["b"], "results": []}"#
        let short = #expect(throws: ReportError.self) { try loadRunResult(json: Array(shortResults.utf8)) }
        #expect(short?.message.contains("at results: 0 entries, expected len(clients) * len(servers) = 1") == true)
    }

    @Test func renderAllWritesEveryReportWithRelativeLogLinks() throws {
        let directory = try Fixtures.temporaryDirectory("render-all")
        defer { try? FileManager.default.removeItem(at: directory) }
        var run = Fixtures.sample
        run.logDir = directory.appendingPathComponent("logs").path
        let files = try renderAll(run, to: directory.appendingPathComponent("reports"))
        for url in [files.resultJSON, files.junit, files.html, files.markdown] {
            #expect(FileManager.default.fileExists(atPath: url.path), "\(url.lastPathComponent)")
        }
        let junit = try String(contentsOf: files.junit, encoding: .utf8)
        #expect(junit.contains("[[ATTACHMENT|../logs/quic-go_lsquic/transfer]]"))
        let html = try String(contentsOf: files.html, encoding: .utf8)
        #expect(html.contains(#""logBase": "../logs/""#))
        #expect(try loadRunResult(from: files.resultJSON) == run)
        #expect(relativePath(from: directory, to: directory) == "")
        #expect(HTMLReport.normalizedBase("logs:x") == "./logs:x/")
    }
}
