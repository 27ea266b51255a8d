/// What makes a run exit with 1 (`--fail-on`): any failure (the default), only failures that are new against the
/// baseline, or nothing. Required cells that did not succeed fail the run under `failures` and `regressions`;
/// known failures never do.
public enum FailOn: String, Sendable, Hashable, CaseIterable {
    /// A new failure against `--baseline` (needs one).
    case regressions
    /// Any test or measurement that failed, timed out or was not compliant.
    case failures
    /// Nothing: the exit code is 0 whatever the verdicts (for jobs whose results a later job gates on).
    case never
}
