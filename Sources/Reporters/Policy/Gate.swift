public import Results

/// Decides a run's exit code from its verdicts, `--fail-on`, a baseline diff and a policy, and says why.
///
/// Pure: `report --from result.json` gates exactly as the run that wrote it.
public enum Gate {
    /// The exit a run deserves.
    public enum Outcome: Sendable, Hashable {
        /// Exit 0.
        case passed
        /// Exit 1: a failure the gate counts.
        case failed
        /// Exit 2: nothing the gate counts failed, but a job hit a runner or machine fault.
        case errored
    }

    /// The outcome and one line per reason for it (`gate: …`), for the log.
    public struct Verdict: Sendable, Hashable {
        public var outcome: Outcome
        public var lines: [String]
    }

    /// Judges `run`. `diff` is needed for `.regressions` (the caller refuses that mode without a baseline).
    public static func judge(_ run: RunResult, failOn: FailOn, diff: BaselineDiff?, policy: Policy?) -> Verdict {
        if failOn == .never { return Verdict(outcome: .passed, lines: ["gate: --fail-on never, exit 0"]) }
        let cells = MatrixCell.cells(of: run)
        var lines: [String] = []
        for cell in cells
        where policy?.isRequired(server: cell.server, client: cell.client, test: cell.test.name) == true {
            guard cell.status != .succeeded, cell.status != .error else { continue }
            lines.append(
                "gate: required \(describe(cell)) did not succeed: \(cell.status?.rawValue ?? "not run")"
                    + (cell.job?.reason.map { " (\(TextSanitizer.firstLine($0, maxBytes: 300)))" } ?? ""))
        }
        switch failOn {
        case .failures:
            for cell in cells where cell.status?.isFailure == true {
                guard policy?.isRequired(server: cell.server, client: cell.client, test: cell.test.name) != true,
                    policy?.knownFailure(server: cell.server, client: cell.client, test: cell.test.name) == nil
                else { continue }
                lines.append("gate: \(describe(cell)) \(cell.status?.rawValue ?? "")")
            }
        case .regressions:
            for entry in diff?.regressions ?? [] where !entry.isRequired {
                lines.append(
                    "gate: new failure against the baseline: server \(entry.server), client \(entry.client), "
                        + "test \(entry.test.name) \(BaselineDiff.status(entry.baseline)) → "
                        + BaselineDiff.status(entry.current))
            }
        case .never:
            break
        }
        if !lines.isEmpty { return Verdict(outcome: .failed, lines: lines.map(TextSanitizer.clean)) }
        let errors = cells.filter { $0.status == .error }
        if !errors.isEmpty {
            return Verdict(
                outcome: .errored,
                lines: [
                    "gate: a runner error in \(errors.count) of the jobs: "
                        + errors.prefix(3).map(describe).joined(separator: "; ")
                ])
        }
        return Verdict(outcome: .passed, lines: ["gate: passed (--fail-on \(failOn.rawValue))"])
    }

    private static func describe(_ cell: MatrixCell) -> String {
        "server \(cell.server), client \(cell.client), test \(cell.test.name)"
    }
}
