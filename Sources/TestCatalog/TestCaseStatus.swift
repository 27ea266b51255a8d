/// Where a test case comes from, which decides whether a run selects it by default.
public enum TestCaseStatus: String, Sendable, Hashable, Codable {
    /// One of upstream's test cases or measurements: `all` (the default selection) includes it.
    case upstream
    /// Beyond upstream (e.g. a test case of an upstream pull request not merged yet): it runs only when named,
    /// with `-t` or in a spec's `tests` list.
    case experimental
}
