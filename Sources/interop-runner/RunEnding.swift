import ArgumentParser
import Batch
import Reporters
import Results

/// How a run or a merge ends: its exit code, from its result, after every report is written.
///
/// Interrupted or incomplete (jobs that did not run, as after `--deadline`) → 2; else as the gate judges (`--fail-on`,
/// `--policy`; by default a failure or timeout → 1, a runner error and nothing failed → 2, else 0). A flaky job (it
/// succeeded on a retry) is a success.
enum RunEnding {
    /// Throws the exit code `result` calls for (nothing for 0); `interruptedBy` is the signal that stopped the run.
    static func finish(
        _ result: RunResult, interruptedBy: Int32?, journal: String, gating: GatingOptions, context: ReportContext
    ) throws {
        if let signal = interruptedBy {
            throw RunnerError(.interrupted, "interrupted by signal \(signal); finished jobs are in \(journal)")
        }
        if let reason = result.incompleteReason {
            throw RunnerError(.incomplete, "the run is incomplete: \(reason)")
        }
        try gating.gate(result, context: context)
    }
}
