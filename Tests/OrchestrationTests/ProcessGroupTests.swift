import Foundation
import Orchestration
import SystemPackage
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// Waits until a script has written a pid and a newline to `name` in `directory`, and returns that pid.
private func pidWritten(to name: String, in directory: TemporaryDirectory) async throws -> pid_t {
    // Generous: the wait ends as soon as the pid is there; a loaded machine may take long to start the script.
    let written = try await eventually(timeout: .seconds(60)) { ((try? directory.read(name)) ?? "").hasSuffix("\n") }
    try #require(written, "\(name) was not written")
    return try #require(pid_t(try directory.read(name).trimmingCharacters(in: .newlines)))
}

@Suite struct ProcessGroupTests {
    private func shell(_ script: String, log: FilePath, grace: Duration = .seconds(2)) -> ProcessCommand {
        ProcessCommand(executable: "/bin/sh", arguments: ["-c", script], logFile: log, gracePeriod: grace)
    }

    @Test func runReturnsTheExitStatusAndAppendsBothStreamsToTheLog() async throws {
        let directory = try TemporaryDirectory("process")
        defer { directory.remove() }
        let log = directory.file("output.txt")
        try directory.write("output.txt", "runner: starting\n")
        let first = try await runProcessGroup(shell("echo to-stdout; echo to-stderr >&2; exit 3", log: log))
        let second = try await runProcessGroup(shell("echo again", log: log))
        #expect(first == .exited(3))
        #expect(second == .exited(0) && second.isSuccess)
        #expect(try directory.read("output.txt") == "runner: starting\nto-stdout\nto-stderr\nagain\n")
    }

    @Test func environmentIsExactlyTheGivenOne() async throws {
        let directory = try TemporaryDirectory("process")
        defer { directory.remove() }
        let command = ProcessCommand(
            executable: "/usr/bin/env",
            environment: ["ROLE": "server"],
            workingDirectory: directory.path,
            logFile: directory.file("env.txt")
        )
        #expect(try await runProcessGroup(command) == .exited(0))
        let text = try directory.read("env.txt")
        #expect(text == "ROLE=server\n", "\(text)")
    }

    @Test func leavingTheScopeStopsTheWholeGroup() async throws {
        let directory = try TemporaryDirectory("process")
        defer { directory.remove() }
        let childFile = directory.file("child.pid")
        // The leader starts a grandchild in its group, then both wait; the teardown must reach both.
        let script = "sleep 300 & echo $! > \(childFile.string); wait"
        let clock = ContinuousClock()
        let start = clock.now
        let (members, termination) = try await withProcessGroup(shell(script, log: directory.file("log"))) { group in
            let child = try await pidWritten(to: "child.pid", in: directory)
            return (child: child, childGroup: getpgid(child), session: getsid(group.pid), leader: group.pid)
        }
        let child = members.child
        #expect(members.childGroup == members.leader && members.session == members.leader)
        #expect(termination == .signaled(SIGTERM))
        // Far below the 300 s sleep, with room for a machine busy with the rest of the suite.
        #expect(clock.now - start < .seconds(150), "the teardown, not the 300 s sleep, ended it")
        #expect(try await eventually { hasEnded(child) })
    }

    @Test func aProcessIgnoringSigtermIsKilledAfterTheGracePeriod() async throws {
        let directory = try TemporaryDirectory("process")
        defer { directory.remove() }
        let command = shell(
            "trap '' TERM; echo ready; exec sleep 300", log: directory.file("log"), grace: .milliseconds(300))
        let clock = ContinuousClock()
        var stopped: ContinuousClock.Instant?
        let (_, termination) = try await withProcessGroup(command) { group in
            try #require(try await eventually { commandName(group.pid) == "sleep" })
            stopped = clock.now
        }
        let waited = clock.now - (stopped ?? clock.now)
        #expect(termination == .signaled(SIGKILL))
        #expect(waited >= .milliseconds(300) && waited < .seconds(30))
    }

    @Test func aProcessThatExitedKeepsItsStatus() async throws {
        let directory = try TemporaryDirectory("process")
        defer { directory.remove() }
        let (_, termination) = try await withProcessGroup(shell("exit 127", log: directory.file("log"))) { group in
            try #require(try await eventually { hasEnded(group.pid) })
        }
        #expect(termination == .exited(127))
    }

    @Test func cancellationTearsTheProcessDown() async throws {
        let directory = try TemporaryDirectory("process")
        defer { directory.remove() }
        let command = shell("echo $$ > \(directory.file("pid").string); exec sleep 300", log: directory.file("log"))
        let task = Task { try await runProcessGroup(command) }
        let pid = try await pidWritten(to: "pid", in: directory)
        task.cancel()
        let termination = try await task.value
        #expect(termination == .signaled(SIGTERM))
        #expect(hasEnded(pid))
    }

    @Test func errorsOfTheBodyPassThroughAfterTheTeardown() async throws {
        struct BodyFailure: Error {}
        let directory = try TemporaryDirectory("process")
        defer { directory.remove() }
        var leader: pid_t = 0
        await #expect(throws: BodyFailure.self) {
            _ = try await withProcessGroup(shell("exec sleep 300", log: directory.file("log"))) { group in
                leader = group.pid
                throw BodyFailure()
            }
        }
        #expect(leader > 0 && hasEnded(leader))
    }

    /// The runner keeps no descriptor of a log once its process is gone, whichever entry point ran it, also when the
    /// program cannot start: a long run opens thousands of logs (a leak of one per endpoint filled the descriptor table
    /// of a 1,000-job soak).
    @Test func noDescriptorOfTheLogOutlivesTheProcess() async throws {
        let directory = try TemporaryDirectory("process")
        defer { directory.remove() }
        let log = directory.file("output.txt")
        _ = try await runProcessGroup(shell("echo out; echo err >&2", log: log))
        _ = try await withProcessGroup(shell("echo out; echo err >&2; sleep 30", log: log)) { _ in }
        _ = try? await runProcessGroup(ProcessCommand(executable: "/qir/no/such/program", logFile: log))
        // Other tests run in this process meanwhile: only descriptors of this test's own log count.
        let open = try FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd").filter {
            (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/fd/" + $0)) == log.string
        }
        #expect(open.isEmpty, "descriptors of \(log) still open: \(open)")
        #expect(try directory.read("output.txt") == "out\nerr\nout\nerr\n")
    }

    @Test func unstartableProgramsAndLogsAreSetupErrors() async throws {
        let directory = try TemporaryDirectory("process")
        defer { directory.remove() }
        let missing = ProcessCommand(executable: "/qir/no/such/program", logFile: directory.file("log"))
        let spawn = await #expect(throws: JobSetupError.self) { try await runProcessGroup(missing) }
        #expect(spawn?.code == .spawn && spawn?.path == "/qir/no/such/program")
        let badLog = ProcessCommand(executable: "/bin/true", logFile: directory.file("no/such/dir/log"))
        let log = await #expect(throws: JobSetupError.self) { try await runProcessGroup(badLog) }
        #expect(log?.code == .spawn && log?.path.hasSuffix("no/such/dir/log") == true)
    }
}
