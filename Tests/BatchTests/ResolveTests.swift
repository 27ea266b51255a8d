import Batch
import Foundation
import Results
import Testing

@Suite struct ResolveTests {
    private func resolve(_ options: RunOptions, spec: String? = nil) throws -> RunConfiguration {
        let folder = try TemporaryFolder()
        let registry = try folder.writeSampleRegistry()
        let parsed = try spec.map { try MatrixSpec.decode($0, file: folder.path + "/spec.yml") }
        return try RunConfiguration.resolve(
            options: options, spec: parsed, environment: environment(registry: registry))
    }

    @Test func upstreamCommandLine() throws {
        var options = RunOptions()
        options.servers = "quic-go,ngtcp2"
        options.clients = "aioquic"
        options.tests = "handshake,goodput"
        let configuration = try resolve(options)
        #expect(configuration.pairs.map { "\($0.client)>\($0.server)" } == ["aioquic>quic-go", "aioquic>ngtcp2"])
        #expect(configuration.tests.map(\.name) == ["handshake"])
        #expect(configuration.measurements.map(\.name) == ["goodput"])
        #expect(configuration.noAutoUnsupported == ["aioquic"])
        #expect(
            configuration.jobs == nil && configuration.cores == 2 && configuration.seed == 7
                && configuration.runtime == .auto)
        #expect(configuration.output.logDir.hasPrefix("logs_19"))
        #expect(configuration.output.json == nil)
    }

    @Test func defaultsTakeEveryRunnableImplementationByRole() throws {
        let configuration = try resolve(RunOptions())
        // Under `auto` an entry with only an image runs as that image.
        #expect(configuration.clients == ["quic-go", "ngtcp2", "aioquic", "chrome"])
        #expect(configuration.servers == ["quic-go", "ngtcp2", "aioquic", "picoquic"])
        #expect(
            configuration.tests.count == 22 && configuration.measurements.map(\.name) == ["goodput", "crosstraffic"])
        #expect(configuration.noAutoUnsupported.isEmpty)
        var options = RunOptions()
        options.runtime = .process
        let local = try resolve(options)
        #expect(
            local.clients == ["quic-go", "ngtcp2", "aioquic"] && local.servers == ["quic-go", "ngtcp2", "aioquic"])
        options.runtime = .docker
        let images = try resolve(options)
        #expect(
            images.clients == ["quic-go", "ngtcp2", "chrome"] && images.servers == ["quic-go", "ngtcp2", "picoquic"])
    }

    @Test func eachRuntimeStartsWhatItCan() throws {
        var options = RunOptions()
        options.servers = "quic-go,picoquic"
        options.clients = "aioquic,chrome"
        let auto = try resolve(options).programs
        #expect(auto["quic-go"] == .command("/bin/true") && auto["picoquic"] == .image("picoquic"))
        #expect(auto["aioquic"]?.runtime == .process && auto["chrome"] == .image("chrome"))

        options.runtime = .docker
        options.clients = "chrome"
        let docker = try resolve(options).programs
        #expect(docker["quic-go"] == .image("quic-go:latest") && docker["picoquic"] == .image("picoquic"))
    }

    @Test func anEntryTheRuntimeCannotStartIsAnError() throws {
        var options = RunOptions()
        options.runtime = .docker
        options.clients = "aioquic"
        #expect {
            try resolve(options)
        } throws: { error in
            "\(error)".contains("at -c/--client[0]") && "\(error)".contains("\"aioquic\" has no \"image\"")
                && "\(error)".contains("--runtime process or auto")
        }
        options.runtime = .process
        options.clients = "chrome"
        #expect {
            try resolve(options)
        } throws: { error in
            "\(error)".contains("\"chrome\" has no \"command\"") && "\(error)".contains("--runtime docker or auto")
        }
    }

    @Test func replacingAnImageMakesAutoRunIt() throws {
        var options = RunOptions()
        options.servers = "quic-go"
        options.clients = "ngtcp2"
        options.replace = "quic-go=my/quic-go:dev"
        let programs = try resolve(options).programs
        #expect(programs["quic-go"] == .image("my/quic-go:dev") && programs["ngtcp2"] == .command("/bin/true"))

        options.runtime = .process
        #expect {
            try resolve(options)
        } throws: { error in
            "\(error)".contains("-r/--replace") && "\(error)".contains("replacing its image changes nothing")
        }
    }

    @Test func onlyTestsAndOnlyMeasurements() throws {
        var options = RunOptions()
        options.tests = "onlyTests"
        #expect(try resolve(options).measurements.isEmpty)
        options.tests = "onlyMeasurements"
        let measurements = try resolve(options)
        #expect(measurements.tests.isEmpty && measurements.measurements.map(\.name) == ["goodput", "crosstraffic"])
    }

    @Test func experimentalTestCasesRunOnlyWhenNamed() throws {
        #expect(!(try resolve(RunOptions())).tests.contains { $0.name == "postquantum" })
        var options = RunOptions()
        options.tests = "onlyTests"
        #expect(!(try resolve(options)).tests.contains { $0.name == "postquantum" })
        options.tests = "handshake,postquantum"
        #expect(try resolve(options).tests.map(\.name) == ["handshake", "postquantum"])
        let named = try resolve(RunOptions(), spec: "tests: [postquantum]\ntimeouts: {postquantum: 20}\n")
        #expect(named.tests.map(\.name) == ["postquantum"] && named.tests[0].timeout == .seconds(20))
        options.tests = "postquantm"
        #expect {
            try resolve(options)
        } throws: { error in
            "\(error)".contains("did you mean \"postquantum\"")
        }
    }

    @Test func mustIncludeKeepsOnlyPairsWithIt() throws {
        var options = RunOptions()
        options.mustInclude = "aioquic"
        let configuration = try resolve(options)
        #expect(configuration.pairs.allSatisfy { $0.client == "aioquic" || $0.server == "aioquic" })
        // Four clients and four servers under `auto`; aioquic × aioquic once.
        #expect(configuration.pairs.count == 4 + 4 - 1)
    }

    @Test func commandLineOverridesTheSpec() throws {
        var options = RunOptions()
        options.jobs = 3
        options.clients = "ngtcp2"
        let configuration = try resolve(
            options,
            spec: """
                jobs: 8
                clients: [quic-go]
                servers: [aioquic]
                tests: [retry]
                measurements: none
                seed: 99
                timeouts: {retry: 5}
                output: {dir: out}
                """)
        #expect(configuration.jobs == 3 && configuration.seed == 99)
        #expect(configuration.clients == ["ngtcp2"] && configuration.servers == ["aioquic"])
        #expect(configuration.tests.map(\.name) == ["retry"] && configuration.tests[0].timeout == .seconds(5))
        #expect(configuration.measurements.isEmpty)
        #expect(configuration.output.logDir == "out/logs" && configuration.output.junit == "out/junit.xml")
        #expect(configuration.output.journal == "out/journal.jsonl")
    }

    /// The issue's example message, and every other problem in the same report (golden).
    @Test func unknownNamesAreAllReportedWithSuggestions() throws {
        var options = RunOptions()
        options.replace = "quic-go=img,nope"
        do {
            _ = try resolve(
                options,
                spec: """
                    clients: [quic-go, quicgo]
                    servers: [chrome]
                    tests: [handshake, transfer, retry, hanshake, goodput]
                    must-include: ngtpc2
                    """)
            Issue.record("accepted unknown names")
        } catch let error as SpecProblems {
            let lines = error.problems.map {
                "\($0.file.hasSuffix("spec.yml") ? "spec.yml" : $0.file):\($0.line.map(String.init) ?? "-"): at \($0.path): \($0.message)"
            }
            #expect(
                lines == [
                    #"command line:-: at -r/--replace[1]: expected name=image, found "nope""#,
                    #"spec.yml:1: at clients[1]: unknown client implementation "quicgo"; did you mean "quic-go"?"#,
                    #"spec.yml:2: at servers[0]: "chrome" cannot run as server (its role is client)"#,
                    #"spec.yml:3: at tests[3]: unknown test "hanshake"; did you mean "handshake"?"#,
                    #"spec.yml:3: at tests[4]: "goodput" is not a test; list it under measurements"#,
                    #"spec.yml:4: at must-include: unknown implementation "ngtpc2"; did you mean "ngtcp2"?"#,
                ])
        }
    }

    @Test func registryProblemsSurfaceThroughTheSpec() throws {
        let folder = try TemporaryFolder()
        try folder.write("bad.json", #"{"x.y": {"image": "i", "url": "u", "role": "both"}}"#)
        let spec = try MatrixSpec.decode("registries: [bad.json, missing.json]", file: folder.path + "/spec.yml")
        do {
            _ = try RunConfiguration.resolve(
                options: RunOptions(), spec: spec, environment: environment(registry: "/unused"))
            Issue.record("accepted a bad registry")
        } catch {
            #expect(error.problems.count == 2)
            #expect(
                error.problems[0].description.hasSuffix(
                    "at x.y: implementation name \"x.y\" contains \".\" or \"_\", which break the <server>_<client> log folder and the JUnit classname"
                ))
            #expect(
                error.problems[1].description
                    == "\(folder.path)/spec.yml:1:24: at registries[1]: \(folder.path)/missing.json: cannot read the registry: no such file"
            )
        }
    }

    @Test func unrunnableImplementationIsNamed() throws {
        var options = RunOptions()
        options.runtime = .process
        options.servers = "picoquic"
        #expect {
            try resolve(options)
        } throws: { error in
            "\(error)".contains("\"picoquic\" has no \"command\" in its registry entry")
        }
    }

    /// A misspelt key and a misspelt test name in one spec: both in one report.
    @Test func specAndNameProblemsAreReportedTogether() throws {
        let folder = try TemporaryFolder()
        let registry = try folder.writeSampleRegistry()
        let spec = try folder.write("spec.yml", "tests: [hanshake]\njobs: 0\nfoo: 1\n")
        do {
            _ = try RunConfiguration.resolve(
                options: RunOptions(), specFile: spec, environment: environment(registry: registry))
            Issue.record("accepted a bad spec")
        } catch {
            #expect(
                error.problems.map { "\($0.line ?? 0): at \($0.path): \($0.message)" } == [
                    #"3: at foo: unknown key "foo""#,
                    "2: at jobs: 0 is out of range 1...1024",
                    #"1: at tests[0]: unknown test "hanshake"; did you mean "handshake"?"#,
                ])
        }
    }

    private func problems(_ options: RunOptions, spec: String? = nil) -> [String] {
        do {
            _ = try resolve(options, spec: spec)
            return []
        } catch let error as SpecProblems {
            return error.problems.map { "\($0.path): \($0.message)" }
        } catch {
            return ["\(error)"]
        }
    }

    /// The issue: `-t ""`, an `-i` that matches no pair and empty servers or clients ran 0 jobs, exited 0 and wrote
    /// a full report set; each is a problem now.
    @Test func anEmptySelectionIsAProblem() {
        var options = RunOptions()
        options.tests = ""
        #expect(problems(options) == ["-t/--test: is empty; name at least one"])
        options.tests = "handshake,,retry"
        #expect(problems(options) == ["-t/--test[1]: empty name (a comma too many?)"])
        options = RunOptions()
        options.servers = "quic-go"
        options.clients = "ngtcp2"
        options.mustInclude = "aioquic"
        #expect(
            problems(options) == [
                #"-i/--must-include: no selected pair includes "aioquic": it is none of the clients (ngtcp2) and none of the servers (quic-go)"#
            ])
        #expect(
            problems(RunOptions(), spec: "tests: none\nmeasurements: []") == [
                "tests: selects no test case and no measurement; a run needs at least one"
            ])
        #expect(
            problems(RunOptions(), spec: "servers: []") == [
                "servers: selects no server implementation; a run needs at least one"
            ])
        #expect(
            problems(RunOptions(), spec: "clients: none") == [
                "clients: selects no client implementation; a run needs at least one"
            ])
    }

    /// A registry with nothing the runtime can start leaves `all` empty: said so, not run as 0 jobs.
    @Test func aRegistryWithNothingToStartIsAProblem() throws {
        let folder = try TemporaryFolder()
        let registry = try folder.write("r.json", #"{"chrome": {"image": "chrome", "url": "u", "role": "client"}}"#)
        var options = RunOptions()
        options.registries = [registry]
        options.servers = "chrome"
        // The process runtime cannot start an entry that has only an image.
        options.runtime = .process
        do {
            _ = try RunConfiguration.resolve(options: options, spec: nil, environment: environment(registry: registry))
            Issue.record("accepted")
        } catch {
            #expect(
                error.problems.map(\.message).contains(
                    "no entry of the registries can run as client with --runtime process; name one with -c/--client or add one to a registry"
                ), "\(error.problems)")
        }
    }

    /// A broken command is a problem only for an entry the run starts, placed at the registry's `command`.
    @Test func commandsAreCheckedForTheSelectedEntriesOnly() throws {
        let folder = try TemporaryFolder()
        let registry = try folder.write(
            "r.json",
            """
            {
              "good": {"url": "u", "role": "both", "command": "/bin/true"},
              "broken": {"url": "u", "role": "both", "command": "missing/run_endpoint"}
            }
            """)
        var options = RunOptions()
        options.servers = "good"
        options.clients = "good"
        options.outputDir = folder.path + "/out"
        let env = environment(registry: registry)
        #expect(try RunConfiguration.resolve(options: options, spec: nil, environment: env).pairs.count == 1)
        options.clients = "broken"
        do {
            _ = try RunConfiguration.resolve(options: options, spec: nil, environment: env)
            Issue.record("accepted a missing command")
        } catch {
            #expect(
                error.description
                    == "\(registry):3:53: at broken.command: \"broken\" cannot be started: command \(folder.path)/missing/run_endpoint does not exist"
            )
        }
    }

    /// A registry that cannot be read is one problem where it is named, not one more per name it would have known.
    @Test func anUnreadableRegistryDoesNotCascade() throws {
        let folder = try TemporaryFolder()
        let spec = try MatrixSpec.decode(
            "registries: [missing.json]\nservers: [quic-go]\nclients: [quic-go]\nmust-include: quic-go",
            file: folder.path + "/spec.yml")
        do {
            _ = try RunConfiguration.resolve(
                options: RunOptions(), spec: spec, environment: environment(registry: "/unused"))
            Issue.record("accepted")
        } catch {
            #expect(
                error.description
                    == "\(folder.path)/spec.yml:1:14: at registries[0]: \(folder.path)/missing.json: cannot read the registry: no such file"
            )
        }
    }
}
