public import Results

/// What the reports add to a run when it is compared with a baseline (`--baseline`) or judged by a policy
/// (`--policy`): the diff table and section, the required and known marks. Empty, the reports are the run's alone.
public struct ReportContext: Sendable {
    /// The run compared with its baseline.
    public var diff: BaselineDiff?
    /// The policy the run is judged by.
    public var policy: Policy?
    /// How the run fared against `policy`.
    public var policyOutcome: PolicyOutcome?

    /// Compares `run` with `baseline` and judges it by `policy`, each when given.
    public init(_ run: RunResult, baseline: RunResult? = nil, policy: Policy? = nil) {
        self.policy = policy
        self.diff = baseline.map { BaselineDiff(baseline: $0, current: run, policy: policy) }
        self.policyOutcome = policy.map { PolicyOutcome(run, policy: $0) }
    }

    /// No baseline, no policy.
    public static let none = ReportContext()

    private init() {}

    /// `required`, `known-failure` or `nil`: the policy's word on a cell (required wins, as it does at the gate).
    func mark(server: String, client: String, test: String) -> String? {
        guard let policy else { return nil }
        if policy.isRequired(server: server, client: client, test: test) { return "required" }
        return policy.knownFailure(server: server, client: client, test: test) != nil ? "known-failure" : nil
    }
}
