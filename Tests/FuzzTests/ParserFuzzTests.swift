import Foundation
import PropertyBased
import Reporters
import Results
import StrictJSON
import Testing

@testable import Batch

/// Fuzzing of every parser that reads outside input: seed documents mutated byte by byte and token by token (and
/// random bytes), a bounded number of cases each (a few seconds in all). The properties: nothing crashes (a crash
/// ends the test process), and every refusal is a structured problem of the parser's own kind, placed inside the
/// document and printable on one line.
@Suite struct ParserFuzzTests {
    /// Cases per parser: a few seconds each in a debug build on two cores.
    static let cases = 2_000

    static let specSeeds: [[UInt8]] = [
        """
        protocol: quic
        registries: [r.json]
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
        output: {dir: out, log-dir: out/logs, json: out/r.json}
        """,
        #"{"protocol": "quic", "servers": ["quic-go"], "clients": "all", "tests": ["retry"], "jobs": 2, "timeouts": {"retry": 5}}"#,
        "tests: [handshake]\nmeasurements: [goodput]\nservers: [quic-go]\nclients: [quic-go]\n",
    ].map { Array($0.utf8) }

    static let registrySeeds: [[UInt8]] = ["implementations_quic.json", "implementations_quic_local.json"].map {
        [UInt8](FileManager.default.contents(atPath: Self.repository + "/Registries/" + $0) ?? Data())
    }

    static let journalSeeds: [[UInt8]] = [
        Self.journal(Self.sampleRun.jobs), Self.journal(Array(Self.sampleRun.jobs.prefix(1))), [],
    ]

    static let resultSeeds: [[UInt8]] = [
        UpstreamResultJSON.render(Self.sampleRun), UpstreamResultJSON.render(Self.sampleRun, style: .readable),
        UpstreamResultJSON.render(Self.sampleRun, extensions: false),
    ]

    @Test(.timeLimit(.minutes(2)))
    func specParserAndResolution() async throws {
        let folder = NSTemporaryDirectory() + "qir-fuzz-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let registry = folder + "/registry.json"
        try
            #"{"quic-go": {"url": "u", "role": "both", "command": "/bin/true"}, "aioquic": {"url": "u", "role": "client", "command": "/bin/true"}}"#
            .write(toFile: registry, atomically: true, encoding: .utf8)
        let environment = RunConfiguration.Environment(
            defaultRegistries: { _ in [registry] }, menu: { TestMenu(catalogFor: $0) }, cores: 2,
            now: Date(timeIntervalSince1970: 0), randomSeed: { 1 })
        await propertyCheck(count: Self.cases, input: FuzzInput.generator(seedCount: Self.specSeeds.count)) { input in
            // Each case yields: a fuzz loop must not hold one of the two threads the whole suite shares for seconds.
            await Task.yield()
            let text = String(decoding: input.bytes(Self.specSeeds), as: UTF8.self)
            for file in ["fuzz.yml", "fuzz.json"] {
                let (decoded, problems) = MatrixSpec.decodeCollecting(text, file: file)
                #expect(decoded != nil || !problems.isEmpty, "\(file): neither a spec nor a problem")
                Self.expectPlaced(problems, in: text, files: [file])
                guard var spec = decoded, problems.isEmpty else { continue }
                // Registries and outputs named by the mutated spec would be read and probed on this machine.
                spec.registries = nil
                spec.output = MatrixSpec.OutputPaths()
                var options = RunOptions()
                options.outputDir = folder + "/out"
                do {
                    _ = try RunConfiguration.resolve(options: options, spec: spec, environment: environment)
                } catch let error as SpecProblems {
                    Self.expectPlaced(error.problems, in: text, files: [file, "command line"])
                } catch {
                    Issue.record("not a structured problem: \(error)")
                }
            }
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["registry.json"])
    }

    @Test(.timeLimit(.minutes(2)))
    func registryParser() async {
        await propertyCheck(count: Self.cases, input: FuzzInput.generator(seedCount: Self.registrySeeds.count)) {
            input in
            // Each case yields: a fuzz loop must not hold one of the two threads the whole suite shares for seconds.
            await Task.yield()
            let text = String(decoding: input.bytes(Self.registrySeeds), as: UTF8.self)
            do {
                let entries = try Registry.parse(text, file: "/fuzz/registry.json")
                for entry in entries { #expect(Registry.nameProblem(entry.name) == nil, "\(entry.name)") }
            } catch let error as SpecProblems {
                #expect(!error.problems.isEmpty)
                Self.expectPlaced(error.problems, in: text, files: ["/fuzz/registry.json"])
            } catch {
                Issue.record("not a structured problem: \(error)")
            }
        }
    }

    @Test(.timeLimit(.minutes(2)))
    func journalParser() async {
        await propertyCheck(count: Self.cases, input: FuzzInput.generator(seedCount: Self.journalSeeds.count)) {
            input in
            // Each case yields: a fuzz loop must not hold one of the two threads the whole suite shares for seconds.
            await Task.yield()
            let bytes = input.bytes(Self.journalSeeds)
            do {
                let contents = try Journal.parse(bytes, path: "journal.jsonl")
                #expect(contents.results.count < bytes.filter { $0 == 0x0A }.count)
            } catch let error as RunnerError {
                #expect(error.code == .badInput)
                #expect(error.message.hasPrefix("journal.jsonl:"), "\(error.message)")
                #expect(!error.message.unicodeScalars.contains(where: InertText.needsEscape), "\(error.message)")
            } catch {
                Issue.record("not a structured problem: \(error)")
            }
        }
    }

    /// What the journal promises beside the fuzzing: a line cut short by a kill is skipped, a damaged complete line
    /// is an error naming its line.
    @Test func journalSkipsOnlyACutLastLine() throws {
        let whole = Self.journal(Self.sampleRun.jobs)
        let cut = Array(whole.dropLast(7))
        #expect(try Journal.parse(cut, path: "j").results.count == Self.sampleRun.jobs.count - 1)
        // The first job's line (after the header's) loses its opening brace.
        var damaged = whole
        damaged[damaged.firstIndex(of: 0x0A)! + 1] = UInt8(ascii: "x")
        #expect {
            try Journal.parse(damaged, path: "j")
        } throws: { error in
            (error as? RunnerError)?.message.hasPrefix("j:2: not a job result") == true
        }
    }

    @Test(.timeLimit(.minutes(2)))
    func resultJSONReader() async {
        await propertyCheck(count: Self.cases, input: FuzzInput.generator(seedCount: Self.resultSeeds.count)) { input in
            // Each case yields: a fuzz loop must not hold one of the two threads the whole suite shares for seconds.
            await Task.yield()
            let bytes = input.bytes(Self.resultSeeds)
            do {
                let run = try loadRunResult(json: bytes, source: "result.json")
                for job in run.jobs {
                    #expect(run.servers.contains(job.id.server) && run.clients.contains(job.id.client))
                }
            } catch let error as ReportError {
                #expect(error.code == .invalidResultJSON, "\(error)")
                #expect(error.message.hasPrefix("result.json:"), "\(error.message)")
            } catch {
                Issue.record("not a structured problem: \(error)")
            }
        }
    }

    @Test(.timeLimit(.minutes(2)))
    func strictJSONParser() async {
        let seeds = Self.resultSeeds + Self.registrySeeds + [Self.specSeeds[1]]
        await propertyCheck(count: Self.cases, input: FuzzInput.generator(seedCount: seeds.count)) { input in
            // Each case yields: a fuzz loop must not hold one of the two threads the whole suite shares for seconds.
            await Task.yield()
            let bytes = input.bytes(seeds)
            do {
                _ = try JSONParser.parse(bytes)
            } catch let error as JSONSyntaxError {
                let lines = bytes.filter { $0 == 0x0A }.count + 1
                #expect((1...lines).contains(error.line) && error.column >= 1, "\(error)")
                #expect(!error.message.isEmpty)
            } catch {
                Issue.record("not a syntax error: \(error)")
            }
        }
    }

    /// Each problem is in one of `files`, placed inside `text` when it has a line, and prints as one bounded line.
    static func expectPlaced(_ problems: [SpecProblem], in text: String, files: [String]) {
        let lines = DocumentReader.lines(of: text).count
        for problem in problems {
            #expect(files.contains(problem.file), "\(problem)")
            #expect(!problem.message.isEmpty)
            if problem.file != "command line", let line = problem.line {
                #expect((1...lines).contains(line) && (problem.column ?? 1) >= 1, "\(problem)")
            }
            let printed = problem.description
            #expect(!printed.unicodeScalars.contains(where: InertText.needsEscape), "\(printed)")
            #expect(printed.utf8.count < 2_000, "\(printed.utf8.count) bytes: \(printed.prefix(200))")
        }
    }

    static let repository: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path
    }()

    /// Journal text of `jobs`, as the runner writes it.
    /// A journal of `jobs`: the header of a small matrix, then one line per job.
    static func journal(_ jobs: [JobResult]) -> [UInt8] {
        let header = (try? Journal.encoder.encode(Journal.HeaderLine(journal: Self.header))).map([UInt8].init) ?? []
        return header + [0x0A]
            + jobs.flatMap { job in
                ((try? Journal.encoder.encode(job)).map([UInt8].init) ?? []) + [0x0A]
            }
    }

    /// The header of a journal of a two-test matrix of a registry of `/bin/true` commands.
    static let header: JournalHeader = {
        let folder = NSTemporaryDirectory() + "qir-fuzz-header-\(getpid())"
        try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let registry = folder + "/registry.json"
        try? #"{"quic-go": {"url": "u", "role": "both", "command": "/bin/true"}}"#
            .write(toFile: registry, atomically: true, encoding: .utf8)
        let environment = RunConfiguration.Environment(
            defaultRegistries: { _ in [registry] }, menu: { TestMenu(catalogFor: $0) }, cores: 2,
            now: Date(timeIntervalSince1970: 0), randomSeed: { 1 })
        var options = RunOptions()
        options.tests = "handshake,transfer"
        options.outputDir = folder + "/out"
        guard let configuration = try? RunConfiguration.resolve(options: options, spec: nil, environment: environment)
        else { preconditionFailure("the fuzz journal's matrix does not resolve") }
        return JournalHeader(
            matrix: MatrixIdentity(configuration), seed: 1, runnerVersion: "fuzz", shard: nil,
            start: Date(timeIntervalSince1970: 1_764_000_000), implementations: [:], programs: [:],
            tests: configuration.tests.map(\.descriptor), measurements: [], traces: .failed)
    }()

    static let sampleRun: RunResult = {
        let start = Date(timeIntervalSince1970: 1_764_000_000)
        let jobs = [
            JobResult(
                id: JobID(server: "quic-go", client: "aioquic", test: "handshake"), status: .succeeded, start: start,
                duration: 1.5, seed: 3),
            JobResult(
                id: JobID(server: "quic-go", client: "aioquic", test: "transfer"), status: .failed,
                reason: "unexpected file x\n::error::forged", start: start, duration: 2, seed: 4),
            JobResult(
                id: JobID(server: "quic-go", client: "aioquic", test: "goodput", repetition: 1), status: .succeeded,
                start: start, duration: 9, value: 9_500, seed: 5),
        ]
        return RunResult(
            protocolKind: .quic, runnerVersion: "fuzz", start: start, end: start.addingTimeInterval(20), seed: 1,
            logDir: "logs", servers: ["quic-go"], clients: ["aioquic"],
            implementations: [
                "quic-go": Implementation(name: "quic-go", url: "u", role: .both),
                "aioquic": Implementation(name: "aioquic", url: "u", role: .client),
            ],
            tests: [
                TestDescriptor(name: "handshake", abbreviation: "H", description: "d", isMeasurement: false),
                TestDescriptor(name: "transfer", abbreviation: "DC", description: "d", isMeasurement: false),
            ],
            measurements: [
                TestDescriptor(name: "goodput", abbreviation: "G", description: "d", isMeasurement: true, unit: "kbps")
            ],
            jobs: jobs)
    }()
}
