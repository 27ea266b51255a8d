public import Results

/// The one-line command that runs exactly one job of a run again on a developer's machine: its pair, its test, the
/// run's seed (from which the job's own seed derives), and how its endpoints were started.
public enum RerunCommand {
    /// `interop-runner -s quic-go -c aioquic -t transfer --seed 42 --runtime process`, each argument quoted for a
    /// POSIX shell where it needs to be.
    public static func line(for id: JobID, in run: RunResult) -> String {
        var arguments = ["interop-runner"]
        if run.protocolKind != .quic { arguments += ["-p", run.protocolKind.rawValue] }
        arguments += ["-s", id.server, "-c", id.client, "-t", id.test, "--seed", String(run.seed)]
        let programs = [run.programs[id.server], run.programs[id.client]]
        if let server = programs[0], let client = programs[1] {
            let runtime = server.runtime == client.runtime ? server.runtime.rawValue : "auto"
            arguments += ["--runtime", runtime]
            // An image other than the registry's came from -r/--replace; a rerun needs the same one.
            var replaced: [String] = []
            for name in Set([id.server, id.client]).sorted() {
                guard let program = run.programs[name], program.runtime == .docker,
                    program.reference != run.implementations[name]?.image
                else { continue }
                replaced.append("\(name)=\(program.reference)")
            }
            if !replaced.isEmpty { arguments += ["-r", replaced.joined(separator: ",")] }
        }
        return arguments.map(quoted).joined(separator: " ")
    }

    /// `text` as one POSIX shell word: unchanged when it holds only safe characters, single-quoted otherwise.
    static func quoted(_ text: String) -> String {
        let safe = text.unicodeScalars.allSatisfy { scalar in
            switch scalar {
            case "a"..."z", "A"..."Z", "0"..."9", "-", "_", ".", "/", "=", ":", ",", "+", "@": true
            default: false
            }
        }
        if safe && !text.isEmpty { return text }
        return "'"
            + TextSanitizer.clean(text).split(separator: "'", omittingEmptySubsequences: false).joined(
                separator: "'\\''") + "'"
    }
}
