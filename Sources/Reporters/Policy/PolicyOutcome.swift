public import Results

/// How a run fared against a policy, for the reports: required cells met and not met, known failures that failed
/// (and those that succeeded, which the policy may drop), and entries that match no cell of the run.
public struct PolicyOutcome: Sendable, Hashable {
    /// A cell the policy names, with the known failure that covers it, if any.
    public struct Mark: Sendable, Hashable {
        public var cell: MatrixCell
        public var knownFailure: KnownFailure?
    }

    public var source: String
    /// Required cells that succeeded.
    public var requiredMet: [Mark]
    /// Required cells that did not succeed (a runner error included: the cell was not shown to work).
    public var requiredNotMet: [Mark]
    /// Known failures that failed, and so did not fail the run.
    public var knownFailing: [Mark]
    /// Known failures that succeeded: the entry may no longer be needed.
    public var knownPassing: [Mark]
    /// Entries that match no cell of the run, by where they were written.
    public var unmatched: [String]

    /// Judges `run`'s cells against `policy`.
    public init(_ run: RunResult, policy: Policy) {
        source = policy.source
        requiredMet = []
        requiredNotMet = []
        knownFailing = []
        knownPassing = []
        let cells = MatrixCell.cells(of: run)
        for cell in cells {
            let known = policy.knownFailure(server: cell.server, client: cell.client, test: cell.test.name)
            let mark = Mark(cell: cell, knownFailure: known)
            if policy.isRequired(server: cell.server, client: cell.client, test: cell.test.name) {
                if cell.status == .succeeded { requiredMet.append(mark) } else { requiredNotMet.append(mark) }
            } else if known != nil {
                if cell.status?.isFailure == true { knownFailing.append(mark) }
                if cell.status == .succeeded { knownPassing.append(mark) }
            }
        }
        let patterns = policy.required + policy.knownFailures.map(\.cells)
        unmatched = patterns.filter { pattern in
            !cells.contains { pattern.matches(server: $0.server, client: $0.client, test: $0.test.name) }
        }.map { "\($0.origin) (\($0))" }
    }

    /// The policy's section of summary.md.
    func markdownLines() -> [String] {
        var lines = [
            "### Policy", "",
            "`\(MarkdownSummary.code(source))`: \(requiredMet.count + requiredNotMet.count) required cells, "
                + "\(requiredNotMet.count) not succeeded; \(knownFailing.count) known failures failed, "
                + "\(knownPassing.count) succeeded.",
        ]
        func items(_ title: String, _ marks: [Mark]) {
            guard !marks.isEmpty else { return }
            lines += ["", "\(title):", ""]
            for mark in marks {
                let cell = mark.cell
                var line = "- **\(MarkdownSummary.escape(cell.server))** × **\(MarkdownSummary.escape(cell.client))**, "
                line += "`\(MarkdownSummary.code(cell.test.name))`: \(BaselineDiff.status(cell.status))"
                if let reason = cell.job?.reason, cell.status != .succeeded {
                    line += " — \(MarkdownSummary.escape(reason))"
                }
                if let known = mark.knownFailure {
                    line += " (known: \(MarkdownSummary.escape(known.reason))"
                    if let link = known.link { line += ", \(MarkdownSummary.link(link))" }
                    line += ")"
                }
                lines.append(line)
            }
        }
        items("Required, not succeeded", requiredNotMet)
        items("Known failures that failed (they do not fail the run)", knownFailing)
        items("Known failures that succeeded (the policy may drop them)", knownPassing)
        if !unmatched.isEmpty {
            lines += ["", "Entries that match no cell of this run:", ""]
            lines += unmatched.map { "- \(MarkdownSummary.escape($0))" }
        }
        return lines
    }
}
