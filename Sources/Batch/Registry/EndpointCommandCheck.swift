import EndpointLauncher
import Foundation
public import Results

#if canImport(Glibc)
    import Glibc
    import CoreFoundation  // `stat`'s fields are attributed to it once a C module of the build includes <sys/stat.h>
#elseif canImport(Darwin)
    import Darwin
#endif

/// Whether a registry entry's `command` can be started as a local endpoint, checked before any job runs.
///
/// A command that is missing, not executable, a directory, or a script whose `#!` interpreter does not exist would
/// otherwise fail inside the launcher, where it looks like the implementation's own failure (exit 126 at the
/// compliance check, "not compliant"); worse, `#!/usr/bin/env missing` makes `env` exit 127, which the contract
/// reads as "unsupported". So each of these is the user's configuration error, found by `validate` and before a run.
public enum EndpointCommandCheck {
    /// The `PATH` an endpoint gets (the launcher's default), where `#!/usr/bin/env NAME` looks `NAME` up.
    static let endpointSearchPath: [String] =
        (LaunchRequest.defaultVariables.first { $0.name == "PATH" }?.value ?? "").split(separator: ":").map(String.init)

    /// Why `entry` cannot be started, or `nil` when it can, or when the run does not start it as a command
    /// (`runsAsCommand` false: a runtime that starts its image instead). The reason begins with the command's path.
    public static func problem(for entry: Implementation, runsAsCommand: Bool) -> String? {
        guard runsAsCommand else { return nil }
        guard let command = entry.command else { return "there is no \"command\" to start" }
        if let problem = executableProblem(command) { return "command \(command) \(problem)" }
        guard let head = firstBytes(of: command, count: 256) else { return nil }
        if head.starts(with: [0x7F, 0x45, 0x4C, 0x46]) { return nil }  // ELF
        guard head.starts(with: Array("#!".utf8)) else {
            return "command \(command) is neither a #! script nor an ELF executable, so the kernel cannot start it"
        }
        return interpreterProblem(command, line: head.dropFirst(2).prefix { $0 != 0x0A })
    }

    /// Why `path` is not an executable regular file (`does not exist`, …), or `nil`.
    private static func executableProblem(_ path: String) -> String? {
        var status = Glibc.stat()
        guard stat(path, &status) == 0 else {
            return errno == ENOENT ? "does not exist" : "cannot be read: \(String(cString: strerror(errno)))"
        }
        switch status.st_mode & S_IFMT {
        case S_IFREG: break
        case S_IFDIR: return "is a directory, not an executable"
        default: return "is not a regular file"
        }
        guard access(path, X_OK) == 0 else { return "is not executable (chmod +x \(path))" }
        return nil
    }

    /// Why the interpreter of a `#!` line (the bytes after `#!`) cannot run `command`, or `nil`.
    private static func interpreterProblem(_ command: String, line: ArraySlice<UInt8>) -> String? {
        let words = String(decoding: line, as: UTF8.self).split(whereSeparator: { $0 == " " || $0 == "\t" })
            .map(String.init)
        guard let interpreter = words.first else { return "command \(command) has an empty #! line" }
        guard interpreter.hasPrefix("/") else {
            return "command \(command) names its #! interpreter \(interpreter) without an absolute path"
        }
        if let problem = executableProblem(interpreter) {
            return "command \(command) starts with #!\(interpreter), which \(problem)"
        }
        guard (interpreter as NSString).lastPathComponent == "env" else { return nil }
        // `env -S prog args` and `env prog`: the first word that is not an option is the program env looks up.
        guard let program = words.dropFirst().first(where: { !$0.hasPrefix("-") }), !program.contains("=") else {
            return nil
        }
        if program.contains("/") {
            return executableProblem(program).map {
                "command \(command) runs \(program) through #!\(interpreter), which \($0)"
            }
        }
        let found = endpointSearchPath.contains { folder in
            let candidate = folder + "/" + program
            var status = Glibc.stat()
            return stat(candidate, &status) == 0 && status.st_mode & S_IFMT == S_IFREG && access(candidate, X_OK) == 0
        }
        guard found else {
            return
                "command \(command) starts with #!\(interpreter) \(program), and \(program) is not in the endpoint's "
                + "PATH (\(endpointSearchPath.joined(separator: ":")))"
        }
        return nil
    }

    /// Up to `count` bytes from the start of the file, or `nil` when it cannot be read (then exec decides).
    private static func firstBytes(of path: String, count: Int) -> [UInt8]? {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var buffer = [UInt8](repeating: 0, count: count)
        let length = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, count) }
        guard length >= 0 else { return nil }
        return Array(buffer.prefix(length))
    }
}
