import Results

extension BaselineDiff {
    /// GitHub refuses a pull-request comment of more than 65,536 characters; the diff stays well below.
    public static let commentLimit = 60_000

    /// `diff.md`: a heading, a one-line tally, the added and removed tests and implementations, and a table of
    /// the changed cells (⚠️ new failures first, then 🚀 fixes), with still failing cells folded away; fit for a
    /// pull-request comment and strictly shorter than `limit` bytes.
    public func markdown(limit: Int = commentLimit) -> String {
        MarkdownSummary.fit(markdownLines(heading: "## Interop compared with the baseline"), limit: limit)
    }

    /// The diff's lines under `heading` (summary.md puts it under its own run heading).
    func markdownLines(heading: String) -> [String] {
        var lines = [heading, ""]
        lines.append("Baseline: the run of \(UTCTimestamp.readable(baselineStart)) (seed \(baselineSeed)). \(tally).")
        for (label, names) in [
            ("New tests", addedTests), ("Removed tests", removedTests),
            ("New implementations", addedImplementations), ("Removed implementations", removedImplementations),
        ] where !names.isEmpty {
            lines.append("")
            lines.append("\(label): " + names.map { "`\(MarkdownSummary.code($0))`" }.joined(separator: ", ") + ".")
        }
        let changed = entries.filter { $0.change != .stillFailing && $0.change != .removed }
        if changed.isEmpty {
            lines += ["", "No cell changed."]
        } else {
            lines += ["", "| | server | client | test | baseline | now | why |", "|---|---|---|---|---|---|---|"]
            lines += changed.map(row)
        }
        let still = entries(.stillFailing)
        if !still.isEmpty {
            lines += ["", "<details><summary>\(still.count) still failing</summary>", ""]
            lines += ["| | server | client | test | baseline | now | why |", "|---|---|---|---|---|---|---|"]
            lines += still.map(row)
            lines += ["", "</details>"]
        }
        return lines
    }

    /// `**2 new failures**, **1 fixed**, 3 still failing`, or `no change` (removed cells are counted by name above).
    var tally: String {
        var parts: [String] = []
        for change in CellChange.displayOrder where change != .removed {
            let count = entries(change).count
            guard count > 0 else { continue }
            let text =
                change == .newFailure ? "\(count) new failure\(count == 1 ? "" : "s")" : "\(count) \(change.rawValue)"
            parts.append(change == .newFailure || change == .fixed ? "**\(text)**" : text)
        }
        let removed = entries(.removed).count
        if removed > 0 { parts.append("\(removed) cells removed") }
        return parts.isEmpty ? "No change" : parts.joined(separator: ", ")
    }

    /// One table row; every text from outside escaped for Markdown.
    private func row(_ entry: Entry) -> String {
        var change = "\(entry.change.emoji) \(entry.change.rawValue)"
        if entry.isRequired { change += ", required" }
        var why = entry.reason.map(MarkdownSummary.escape) ?? ""
        if let known = entry.knownFailure {
            why += (why.isEmpty ? "" : " ") + "(known failure: \(MarkdownSummary.escape(known.reason))"
            if let link = known.link { why += ", \(MarkdownSummary.link(link))" }
            why += ")"
        }
        let cells = [
            change, MarkdownSummary.escape(entry.server), MarkdownSummary.escape(entry.client),
            "`\(MarkdownSummary.code(entry.test.name))` (\(MarkdownSummary.escape(entry.test.abbreviation)))",
            Self.status(entry.baseline), Self.status(entry.current), why,
        ]
        return "| " + cells.joined(separator: " | ") + " |"
    }

    /// `✓ succeeded`, or `not run`.
    static func status(_ status: JobStatus?) -> String {
        status.map { "\($0.symbol) \($0.rawValue)" } ?? "not run"
    }
}
