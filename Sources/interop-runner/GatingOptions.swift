import ArgumentParser
import Batch
import Foundation
import Reporters
import Results

/// The options that decide the exit code and what the reports compare, shared by `run` and `report`.
struct GatingOptions: ParsableArguments {
    @Option(
        help: "A result.json of an earlier run (e.g. the last run on main) to compare with: diff.md, a diff section.")
    var baseline: String?

    @Option(help: "A policy file (YAML or JSON): required cells and known failures.")
    var policy: String?

    @Option(
        name: .customLong("fail-on"),
        help: "What exits with 1: failures (the default), regressions (new failures against --baseline) or never.")
    var failOn: FailOn = .failures

    func validate() throws {
        if failOn == .regressions && baseline == nil {
            throw ValidationError("--fail-on regressions needs --baseline FILE (the result.json to compare with)")
        }
        for (flag, value) in [("--baseline", baseline), ("--policy", policy)] where value?.isEmpty == true {
            throw ValidationError("\(flag) must not be empty")
        }
    }

    /// The policy, checked against `names` (every problem at once, exit 2), or `nil` without `--policy`.
    func loadPolicy(names: Policy.Names) throws -> Policy? {
        try policy.map { try Policy.load(from: $0, names: names) }
    }

    /// The policy, checked against the implementations and tests of a saved or merged `run`.
    func loadPolicy(for run: RunResult) throws -> Policy? {
        try loadPolicy(
            names: Policy.Names(
                implementations: Array(Set(run.servers + run.clients)).sorted(),
                tests: (run.tests + run.measurements).map(\.name)))
    }

    /// The baseline run, or `nil` without `--baseline`.
    func loadBaseline() throws -> RunResult? {
        try baseline.map { try loadRunResult(from: URL(fileURLWithPath: $0)) }
    }

    /// Judges `run`, prints the gate's lines and throws the exit code it deserves (returns for exit 0).
    func gate(_ run: RunResult, context: ReportContext) throws {
        let verdict = Gate.judge(run, failOn: failOn, diff: context.diff, policy: context.policy)
        for line in verdict.lines { print(line) }
        switch verdict.outcome {
        case .passed: return
        case .failed: throw ExitCode(ExitStatus.failed)
        case .errored: throw ExitCode(ExitStatus.usage)
        }
    }
}
