import Foundation

/// Stops a runner with SIGSTOP at a precise moment, for the test to kill it with SIGKILL: a bash loop outside the test
/// process (whose tasks may wait for a busy thread pool) polls a path pattern every 2 ms with builtins only and sends
/// the signal as soon as it matches. Stopped, the runner is still alive, so what it left can be counted before any
/// other run's reaper (which takes only a dead run's leftovers) may remove it.
enum KillWatcher {
    /// What the moment looks like on disk.
    struct Pattern {
        /// A bash glob.
        var glob: String
        /// Whether the match must be a file with bytes in it.
        var nonEmpty: Bool
    }

    /// The loop: `$1` the runner's pid, `$2` the glob, `$3` `nonempty` or not; exits 0 once it stopped the runner, 1
    /// after 60 s without a match.
    static let script = """
        shopt -s nullglob
        exec {tick}<> <(:)
        deadline=$((SECONDS + 60))
        while [ "$SECONDS" -lt "$deadline" ]; do
            for path in $2; do
                if [ "$3" != nonempty ] || [ -s "$path" ]; then
                    kill -STOP "$1" && echo "stopped at $path" && exit 0
                fi
            done
            read -r -t 0.002 -u "$tick" || true
        done
        exit 1
        """

    /// Runs the watcher for runner `pid` until it stopped it (`true`) or gave up; its output goes to `folder`.
    static func run(runner pid: Int32, when pattern: Pattern, folder: String) async throws -> Bool {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = [
            "-c", script, "kill-watcher", "\(pid)", pattern.glob, pattern.nonEmpty ? "nonempty" : "any",
        ]
        let log = folder + "/kill-watcher-\(pid).txt"
        _ = FileManager.default.createFile(atPath: log, contents: nil)
        process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: log))
        process.standardError = process.standardOutput
        try process.run()
        while process.isRunning { try await Task.sleep(for: .milliseconds(20)) }
        return process.terminationStatus == 0
    }
}
