import Subprocess
import SystemPackage

#if canImport(Glibc)
    import Glibc
#endif

/// Runs iproute2's `ip` in batch mode: one process for many link, address and route changes.
enum IPCommand {
    /// The `ip` executable (`/usr/sbin/ip` on Debian).
    static let path: String =
        ["/usr/sbin/ip", "/sbin/ip", "/usr/bin/ip", "/bin/ip"].first { access($0, X_OK) == 0 } ?? "ip"

    /// Runs `ip [-n namespace] -batch -` with `commands` (one per line) on standard input.
    static func batch(_ commands: [String], namespace: String? = nil) async throws(NetworkError) {
        var arguments: [String] = []
        if let namespace { arguments += ["-n", namespace] }
        arguments += ["-batch", "-"]
        let script = commands.joined(separator: "\n") + "\n"
        let result: ExecutionResult<Void, StringOutput<UTF8>, CombinedErrorOutput>
        do {
            result = try await Subprocess.run(
                .path(.init(path)), arguments: .init(arguments), input: .string(script),
                output: .string(limit: 64 * 1024), error: .combinedWithOutput)
        } catch {
            throw NetworkError(.commandFailed, "ip \(arguments.joined(separator: " ")): \(error)")
        }
        guard result.terminationStatus.isSuccess else {
            throw NetworkError(
                .commandFailed,
                "ip \(arguments.joined(separator: " ")) failed (\(result.terminationStatus)): "
                    + "\(result.standardOutput)\ncommands:\n\(script)")
        }
    }
}
