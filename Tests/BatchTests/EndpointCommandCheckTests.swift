import Batch
import Foundation
import Results
import Testing

/// A registry `command` the run would start must be startable; each way it cannot be is named (issue: these became
/// "not compliant … status 126", blamed on the implementation).
@Suite struct EndpointCommandCheckTests {
    private func problem(_ command: String?, runsAsCommand: Bool = true) -> String? {
        EndpointCommandCheck.problem(
            for: Implementation(name: "x", url: "u", role: .both, command: command), runsAsCommand: runsAsCommand)
    }

    private func script(_ folder: TemporaryFolder, _ name: String, _ text: String, mode: Int = 0o755) throws -> String {
        let path = try folder.write(name, text)
        try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: path)
        return path
    }

    @Test func startableCommandsPass() throws {
        let folder = try TemporaryFolder()
        #expect(problem("/bin/true") == nil)
        #expect(problem(try script(folder, "sh", "#!/bin/sh\nexit 127\n")) == nil)
        #expect(problem(try script(folder, "env", "#!/usr/bin/env sh\nexit 127\n")) == nil)
        #expect(problem(try script(folder, "env-s", "#!/usr/bin/env -S sh -e\nexit 127\n")) == nil)
    }

    @Test func everyBrokenCommandIsNamed() throws {
        let folder = try TemporaryFolder()
        let plain = try script(folder, "plain", "#!/bin/sh\n", mode: 0o644)
        try FileManager.default.createDirectory(atPath: folder.path + "/dir", withIntermediateDirectories: true)
        let badInterpreter = try script(folder, "bad", "#!/nonexistent/python3\n")
        let relative = try script(folder, "relative", "#!python3\n")
        let missingProgram = try script(folder, "missing", "#!/usr/bin/env qir-no-such-program\n")
        let noShebang = try script(folder, "text", "exit 127\n")
        let empty = try script(folder, "empty", "#!\n")
        let cases: [(String?, String)] = [
            (folder.path + "/absent", "command \(folder.path)/absent does not exist"),
            (plain, "command \(plain) is not executable (chmod +x \(plain))"),
            (folder.path + "/dir", "command \(folder.path)/dir is a directory, not an executable"),
            (badInterpreter, "command \(badInterpreter) starts with #!/nonexistent/python3, which does not exist"),
            (relative, "command \(relative) names its #! interpreter python3 without an absolute path"),
            (
                missingProgram,
                "command \(missingProgram) starts with #!/usr/bin/env qir-no-such-program, and qir-no-such-program "
                    + "is not in the endpoint's PATH (/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin)"
            ),
            (
                noShebang,
                "command \(noShebang) is neither a #! script nor an ELF executable, so the kernel cannot start it"
            ),
            (empty, "command \(empty) has an empty #! line"),
            (nil, "there is no \"command\" to start"),
        ]
        for (command, expected) in cases {
            #expect(problem(command) == expected)
        }
    }

    /// The runtime decides: an entry started from its image is not checked as a command.
    @Test func onlyCommandsTheRunStartsAreChecked() {
        #expect(problem("/nonexistent/run_endpoint", runsAsCommand: false) == nil)
        #expect(problem(nil, runsAsCommand: false) == nil)
    }
}
