public import Results

/// What every report says about a job that failed, timed out, hit a runner error or was not compliant, so a reader
/// sees why without downloading the log archive: the reason, the endpoints' last words, where the job's logs and
/// captures are in the archive, the seed and the command that reruns exactly this job.
///
/// Built from a `RunResult` alone; each report escapes the fields for its own format. A measurement's detail is
/// its first repetition that did not succeed.
public struct FailureDetail: Sendable, Hashable {
    /// The job the detail is about.
    public var id: JobID
    public var status: JobStatus
    /// The one-line reason (the status itself when the job gave none).
    public var reason: String
    /// More the runner had to say (a non-compliant endpoint's output).
    public var detail: String?
    /// The end of what the server printed.
    public var serverOutput: String?
    /// The end of what the client printed.
    public var clientOutput: String?
    /// The job's logs and captures, relative to the log root (the archive's root).
    public var files: [String]
    /// The job's own seed of the simulator's impairments.
    public var seed: UInt64?
    /// The command that runs this job again.
    public var rerun: String

    /// The detail of `job`, or `nil` when the job succeeded or was unsupported (nothing to explain).
    public init?(_ job: JobResult, in run: RunResult) {
        guard job.status != .succeeded, job.status != .unsupported else { return nil }
        id = job.id
        status = job.status
        reason = job.reason ?? job.status.rawValue
        detail = job.detail
        serverOutput = job.evidence?.serverOutput
        clientOutput = job.evidence?.clientOutput
        files = job.evidence?.files ?? [job.id.logPath + "/output.txt"]
        seed = job.seed
        rerun = RerunCommand.line(for: job.id, in: run)
    }

    /// The run's seed line: the job's seed and how to replay it.
    public var seedLine: String {
        seed.map { "seed \($0) (derived from the run's --seed)" } ?? "seed unknown"
    }

    /// Everything as plain text, cleaned of control characters, for JUnit and terminals: the reason, the seed,
    /// the rerun command, then each output under a heading that names its file.
    public var text: String {
        var lines = ["reason: \(reason)", seedLine, "rerun: \(rerun)"]
        if let detail { lines += ["", detail] }
        for (role, output) in [("server", serverOutput), ("client", clientOutput)] {
            guard let output else { continue }
            lines += ["", "--- last lines of \(id.logPath)/\(role).out.txt ---", output]
        }
        return TextSanitizer.clean(lines.joined(separator: "\n"))
    }
}
