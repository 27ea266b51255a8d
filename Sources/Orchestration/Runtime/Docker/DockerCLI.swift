import Foundation
import Subprocess
import SystemPackage

/// Runs `docker` commands for the runtime, the holder pool, the image resolution and the reaper.
///
/// The CLI gets the runner's own environment (so `DOCKER_HOST`, `DOCKER_CONFIG` and `DOCKER_CONTEXT` apply), its
/// output is bounded, and every call but a pull has a time limit, so a stuck daemon becomes an error instead of a
/// hung job.
struct DockerCLI: Sendable {
    /// The `docker` executable.
    let executable: FilePath
    /// The environment every `docker` command gets: the runner's own.
    let environment: [String: String]
    /// How long one command may take before it is an error (pulls have none).
    let limit: Duration

    /// What a command printed on standard output, trimmed.
    typealias Output = String

    /// Finds `docker` in the runner's `PATH`.
    ///
    /// - Throws: ``DockerError`` with code `cliMissing`.
    static func locate(
        environment: [String: String] = ProcessInfo.processInfo.environment, limit: Duration = .seconds(60)
    ) throws(DockerError) -> DockerCLI {
        let path = environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        for directory in path.split(separator: ":") {
            let candidate = "\(directory)/docker"
            if access(candidate, X_OK) == 0 {
                return DockerCLI(executable: FilePath(candidate), environment: environment, limit: limit)
            }
        }
        throw DockerError(
            .cliMissing, "no docker executable in PATH (\(path)); install Docker or use --runtime process")
    }

    /// Runs `docker <arguments>` and returns its standard output, trimmed.
    ///
    /// - Throws: ``DockerError`` with `code` (and the command's own error text) when it exits with non-zero status,
    ///   and with code `timeout` when it outlives ``limit`` (unless `timed` is false).
    @discardableResult
    func call(
        _ arguments: [String], failing code: DockerError.Code = .container, input: [UInt8]? = nil, timed: Bool = true
    ) async throws(DockerError) -> Output {
        let command = "docker " + arguments.prefix(3).joined(separator: " ")
        let run: @Sendable () async throws -> (status: TerminationStatus, output: String, error: String) = {
            let executable = executable
            let environment = Environment.custom(
                Dictionary(
                    uniqueKeysWithValues: self.environment.compactMap { name, value in
                        Environment.Key(rawValue: name).map { ($0, value) }
                    }))
            if let input {
                let result = try await Subprocess.run(
                    .path(executable), arguments: Arguments(arguments), environment: environment,
                    input: .array(input), output: .string(limit: 1 << 20), error: .string(limit: 1 << 16))
                return (result.terminationStatus, result.standardOutput, result.standardError)
            }
            let result = try await Subprocess.run(
                .path(executable), arguments: Arguments(arguments), environment: environment,
                output: .string(limit: 1 << 20), error: .string(limit: 1 << 16))
            return (result.terminationStatus, result.standardOutput, result.standardError)
        }
        let ended: (status: TerminationStatus, output: String, error: String)?
        do {
            ended = timed ? try await withTimeout(limit, run) : try await run()
        } catch {
            throw DockerError(code, "\(command) could not run: \(error)")
        }
        guard let ended else {
            throw DockerError(.timeout, "\(command) did not answer within \(limit); is the Docker daemon stuck?")
        }
        guard ended.status.isSuccess else {
            let said = ended.error.trimmingCharacters(in: .whitespacesAndNewlines)
            throw DockerError(code, "\(command) failed (\(ended.status)): \(said.isEmpty ? ended.output : said)")
        }
        return ended.output.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// The daemon's version, which proves it answers.
    ///
    /// - Throws: ``DockerError`` with code `daemonUnreachable`, saying what to do.
    func daemonVersion() async throws(DockerError) -> String {
        do {
            return try await call(["version", "--format", "{{.Server.Version}}"], failing: .daemonUnreachable)
        } catch {
            let host = environment["DOCKER_HOST"].map { " at \($0)" } ?? ""
            throw DockerError(
                .daemonUnreachable,
                "the Docker daemon\(host) is not reachable (\(error.message)); start dockerd (e.g. `dockerd &` as root, or `bash ci/docker/ensure-dockerd.sh`) or run the local commands with --runtime process"
            )
        }
    }
}
