import ArgumentParser
import Batch
import Results
import Testing

@testable import interop_runner

@Suite struct CommandLineTests {
    @Test func upstreamCommandLineRunsTheDefaultCommand() throws {
        let command = try InteropRunner.parseAsRoot([
            "-p", "quic", "-s", "quic-go,ngtcp2", "-c", "aioquic", "-t", "handshake,transfer",
            "-r", "quic-go=img:1", "-l", "logs", "-f", "1", "-j", "out.json", "-m", "-i", "quic-go",
            "-n", "aioquic", "-d",
        ])
        let run = try #require(command as? Run)
        let options = run.runOptions()
        #expect(options.protocolKind == .quic)
        #expect(options.servers == "quic-go,ngtcp2" && options.clients == "aioquic")
        #expect(options.tests == "handshake,transfer" && options.replace == "quic-go=img:1")
        #expect(options.logDir == "logs" && options.saveFiles == true && options.json == "out.json")
        #expect(options.markdown && options.debug)
        #expect(options.mustInclude == "quic-go" && options.noAutoUnsupported == "aioquic")
    }

    @Test func longFormsAndNewFlags() throws {
        let command = try InteropRunner.parseAsRoot([
            "run", "--protocol", "webtransport", "--server", "a", "--client", "b", "--test", "onlyTests",
            "--replace", "a=x", "--log-dir", "l", "--save-files", "false", "--json", "j", "--markdown",
            "--must-include", "a", "--no-auto-unsupported", "a,b", "--debug", "--spec", "m.yml", "--jobs", "4",
            "--output-dir", "out", "--registry", "r1.json", "--registry", "r2.json", "--runtime", "process",
            "--seed", "18446744073709551615",
        ])
        let options = try #require(command as? Run).runOptions()
        #expect(options.protocolKind == .webtransport && options.saveFiles == false)
        #expect(options.jobs == 4 && options.outputDir == "out" && options.runtime == .process)
        #expect(options.registries == ["r1.json", "r2.json"] && options.seed == UInt64.max)
        #expect(try #require(command as? Run).matrix.spec == "m.yml")
    }

    @Test func badValuesAreUsageErrors() {
        for arguments in [["--jobs", "0"], ["--runtime", "vm"], ["-p", "tcp"], ["--seed", "-3"], ["--bogus"]] {
            #expect(throws: (any Error).self) { try InteropRunner.parseAsRoot(arguments) }
        }
    }

    /// The issue: `--jobs 100000` was accepted on the command line while a spec's `jobs` stops at 1024.
    @Test func jobsAreCappedLikeTheSpec() throws {
        for command in [[], ["validate", "--spec", "m.yml"]] {
            for jobs in ["1025", "100000"] {
                #expect(throws: (any Error).self) { try InteropRunner.parseAsRoot(command + ["--jobs", jobs]) }
            }
            _ = try InteropRunner.parseAsRoot(command + ["--jobs", "1024"])
        }
    }

    /// `validate` takes the flags of `run`, so it checks what that run would write.
    @Test func validateTakesTheRunFlags() throws {
        let command = try InteropRunner.parseAsRoot([
            "validate", "--spec", "m.yml", "-j", "r.json", "-l", "logs", "--output-dir", "out", "--jobs", "3",
        ])
        let validate = try #require(command as? Validate)
        #expect(validate.flags.json == "r.json" && validate.flags.logDir == "logs" && validate.flags.jobs == 3)
    }

    @Test func subcommands() throws {
        #expect(try InteropRunner.parseAsRoot(["list", "tests", "-p", "webtransport", "--json"]) is List.Tests)
        #expect(try InteropRunner.parseAsRoot(["list", "implementations"]) is List.Implementations)
        let list = try #require(
            try InteropRunner.parseAsRoot(["list", "implementations", "--runtime", "docker"]) as? List.Implementations)
        #expect(list.runtime == .docker)
        let run = try #require(try InteropRunner.parseAsRoot(["--pull", "never", "--runtime", "auto"]) as? Run)
        #expect(run.runOptions().pull == .never && run.runOptions().runtime == .auto)
        #expect(throws: (any Error).self) { try InteropRunner.parseAsRoot(["--pull", "sometimes"]) }
        #expect(try InteropRunner.parseAsRoot(["validate", "--spec", "x.yml"]) is Validate)
        #expect(throws: (any Error).self) { try InteropRunner.parseAsRoot(["validate"]) }
    }
}

extension CommandLineTests {
    @Test func flagsOfCIAtScale() throws {
        let command = try InteropRunner.parseAsRoot([
            "--retries", "2", "--deadline", "1h30m", "--shard", "3/4", "--keep-traces", "all", "--resume", "out",
        ])
        let options = try #require(command as? Run).runOptions()
        #expect(options.retries == 2 && options.deadline == .seconds(5_400))
        #expect(options.shard == ShardSelector(index: 3, count: 4) && options.keepTraces == .all)
        #expect(options.resume == "out")
        #expect(try InteropRunner.parseAsRoot(["merge", "a", "b", "--output-dir", "out"]) is Merge)
    }

    @Test func badValuesOfCIAtScaleAreUsageErrors() {
        for arguments in [
            ["--retries", "11"], ["--deadline", "soon"], ["--deadline", "0s"], ["--shard", "5/4"], ["--shard", "2"],
            ["--keep-traces", "some"], ["--resume", "a", "--output-dir", "b"], ["merge", "--output-dir", "out"],
            ["merge", "a"],
        ] {
            #expect(throws: (any Error).self, "\(arguments)") { try InteropRunner.parseAsRoot(arguments) }
        }
    }
}
