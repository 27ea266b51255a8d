public import Results

/// One run of a results site: its result and where its own reports and logs are, relative to the site.
public struct SiteRun: Sendable {
    /// The run's name in the selector and the URL (its folder's name).
    public var name: String
    public var result: RunResult
    /// The run's `index.html` from the site's folder, when it has one.
    public var report: String?
    /// The run's log tree from the site's folder (ending in `/`), when it has one.
    public var logs: String?

    /// Creates a run.
    public init(name: String, result: RunResult, report: String? = nil, logs: String? = nil) {
        self.name = name
        self.result = result
        self.report = report
        self.logs = logs
    }
}
