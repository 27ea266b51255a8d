import Foundation
public import Results

/// The Markdown summary for `$GITHUB_STEP_SUMMARY` and pull-request comments: the run, the matrix, the
/// measurements and every failure with its reason, kept under GitHub's 1 MiB limit.
public enum MarkdownSummary {
    /// GitHub refuses a step summary of 1 MiB or more.
    public static let defaultLimit = 1 << 20

    /// The summary's text, strictly shorter than `limit` UTF-8 bytes; what does not fit is cut at a line boundary
    /// and replaced by a note saying how many lines went.
    public static func render(_ run: RunResult, limit: Int = defaultLimit, context: ReportContext = .none) -> String {
        let index = RunIndex(run)
        var lines: [String] = []
        let title = run.protocolKind == .quic ? "QUIC" : "WebTransport"
        lines.append("## \(title) interop run")
        lines.append("")
        lines.append(
            "\(UTCTimestamp.readable(run.start)) – \(UTCTimestamp.readable(run.end)) "
                + "(\(UTCTimestamp.duration(run.end.timeIntervalSince(run.start)))), runner \(escape(run.runnerVersion)), "
                + "seed \(run.seed): \(index.tally.sentence)."
        )
        if let reason = run.incompleteReason { lines += ["", "**Incomplete:** \(escape(reason))."] }
        var logs = "Logs: "
        if let archive = run.archive { logs += "`\(code(archive.fileName))`, \(archive.readableSize); " }
        lines += ["", logs + TracePolicyText.kept(run.traces) + "."]
        if let diff = context.diff {
            lines.append("")
            lines += diff.markdownLines(heading: "### Compared with the baseline")
        }
        if let outcome = context.policyOutcome {
            lines.append("")
            lines += outcome.markdownLines()
        }
        if !run.tests.isEmpty {
            lines.append("")
            lines.append("### Test cases")
            lines.append("")
            lines += TextTable.markdownLines(
                TerminalReport.testTable(index, color: false, lineBreak: "<br>", escape: escape))
        }
        if !run.measurements.isEmpty {
            lines.append("")
            lines.append("### Measurements")
            lines.append("")
            lines += TextTable.markdownLines(
                TerminalReport.measurementTable(index, color: false, lineBreak: "<br>", escape: escape))
        }
        let flaky = flakyLines(index)
        if !flaky.isEmpty {
            lines.append("")
            lines.append("### Flaky (\(flaky.count)): failed, then succeeded when run again")
            lines.append("")
            lines += flaky
        }
        let failures = failureLines(index, context: context, budget: limit / 2)
        if !failures.isEmpty {
            lines.append("")
            lines.append("### Problems (\(Self.failures(index).count))")
            lines.append("")
            lines += failures
        }
        return fit(lines, limit: limit)
    }

    /// One list item per test case or measurement that failed, timed out or hit a runner error, with its rerun
    /// command and, while `budget` bytes last, a folded block of its detail (seed, files, the endpoints' last lines).
    static func failureLines(_ index: RunIndex, context: ReportContext = .none, budget: Int = defaultLimit / 2)
        -> [String]
    {
        var used = 0
        var lines: [String] = []
        for failure in failures(index) {
            var line = "- **\(escape(failure.server))** (server) × **\(escape(failure.client))** (client), "
            line +=
                "`\(code(failure.test.name))` (\(escape(failure.test.abbreviation))): **\(failure.status.rawValue)**"
            if failure.runs > 1 { line += " (all \(failure.runs) runs)" }
            if let reason = failure.reason, !reason.isEmpty { line += " — \(escape(reason))" }
            switch context.mark(server: failure.server, client: failure.client, test: failure.test.name) {
            case "required"?: line += " (required)"
            case "known-failure"?:
                if let known = context.policy?.knownFailure(
                    server: failure.server, client: failure.client, test: failure.test.name)
                {
                    line += " (known failure: \(escape(known.reason))"
                    if let url = known.link { line += ", \(link(url))" }
                    line += ")"
                }
            default: break
            }
            lines.append(line)
            guard let detail = failure.detail else { continue }
            lines.append("  Rerun: `\(code(detail.rerun))`")
            guard detail.serverOutput != nil || detail.clientOutput != nil || detail.detail != nil else {
                lines.append(
                    "  \(escape(detail.seedLine)); logs: "
                        + detail.files.map { "`\(code($0))`" }.joined(separator: ", "))
                continue
            }
            let block = FailureDetailMarkdown.lines(detail, indent: "  ")
            let size = block.reduce(0) { $0 + $1.utf8.count + 1 }
            if used + size <= budget {
                lines += block
                used += size
            }
        }
        return lines
    }

    /// One list item per test case that failed or timed out, then succeeded when run again.
    static func flakyLines(_ index: RunIndex) -> [String] {
        let run = index.run
        var lines: [String] = []
        for (ci, sj) in index.pairs {
            for ti in run.tests.indices {
                guard let job = index.test(client: ci, server: sj, test: ti), job.isFlaky else { continue }
                var line = "- **\(escape(run.servers[sj]))** (server) × **\(escape(run.clients[ci]))** (client), "
                line += "`\(code(run.tests[ti].name))` (\(escape(run.tests[ti].abbreviation))): "
                line += "succeeded on attempt \(job.attempts.count + 1)"
                let earlier = job.attempts.map { attempt in
                    "\(attempt.status.rawValue)" + (attempt.reason.map { " (\(escape($0)))" } ?? "")
                }
                line += " — before: " + earlier.joined(separator: "; ")
                lines.append(line)
            }
        }
        return lines
    }

    /// A non-success that blames someone or something: failed, timeout or runner error.
    struct Failure {
        var server: String
        var client: String
        var test: TestDescriptor
        var status: JobStatus
        var reason: String?
        /// How many times the job ran (more than once with `--retries`).
        var runs = 1
        /// The job's failure detail (a measurement's first repetition that did not succeed).
        var detail: FailureDetail?
    }

    /// Every failure of the run, in matrix order (clients, then servers, then tests and measurements).
    static func failures(_ index: RunIndex) -> [Failure] {
        let run = index.run
        var out: [Failure] = []
        for (ci, sj) in index.pairs {
            for ti in run.tests.indices {
                if let job = index.test(client: ci, server: sj, test: ti), job.status != .succeeded,
                    job.status != .unsupported
                {
                    out.append(
                        Failure(
                            server: run.servers[sj], client: run.clients[ci], test: run.tests[ti], status: job.status,
                            reason: job.reason,
                            runs: job.attempts.count + 1, detail: FailureDetail(job, in: run)))
                }
            }
            for mi in run.measurements.indices {
                let repetitions = index.repetitions(client: ci, server: sj, measurement: mi)
                guard let first = repetitions.first(where: { $0.status != .succeeded }),
                    first.status != .unsupported
                else { continue }
                out.append(
                    Failure(
                        server: run.servers[sj], client: run.clients[ci], test: run.measurements[mi],
                        status: first.status,
                        reason: "repetition \(first.id.repetition ?? 0): \(first.reason ?? first.status.rawValue)",
                        detail: FailureDetail(first, in: run)
                    )
                )
            }
        }
        return out
    }

    /// Joins `lines` while they fit in `limit` bytes, leaving room for the truncation note.
    static func fit(_ lines: [String], limit: Int) -> String {
        let total = lines.reduce(0) { $0 + $1.utf8.count + 1 }
        if total < limit { return lines.joined(separator: "\n") + "\n" }
        let reserve = 200
        var out = ""
        var used = 0
        var kept = 0
        for line in lines {
            let size = line.utf8.count + 1
            if used + size >= limit - reserve { break }
            out += line + "\n"
            used += size
            kept += 1
        }
        out += "\n> **Truncated:** \(lines.count - kept) more lines did not fit GitHub's 1 MiB summary limit; "
        out += "see the HTML report or junit.xml for everything.\n"
        return out
    }

    /// Escapes Markdown and HTML syntax in text from outside, so a name or reason cannot format or inject.
    static func escape(_ text: String) -> String {
        let cleaned = TextSanitizer.clean(text).replacingNewlines()
        var out = ""
        out.reserveCapacity(cleaned.utf8.count)
        for character in cleaned {
            switch character {
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "&": out += "&amp;"
            case "\\", "`", "*", "_", "[", "]", "|", "~":
                out += "\\" + String(character)
            default: out.append(character)
            }
        }
        return out
    }

    /// Text inside a code span: no escapes apply there, so backticks and pipes are replaced.
    static func code(_ text: String) -> String {
        TextSanitizer.clean(text).replacingNewlines().map { $0 == "`" ? "'" : $0 == "|" ? "¦" : String($0) }.joined()
    }
}

/// Markdown helpers for text from outside.
extension String {
    /// Newlines as spaces: a Markdown table row or list item is one line.
    fileprivate func replacingNewlines() -> String {
        contains("\n") ? split(separator: "\n", omittingEmptySubsequences: true).joined(separator: " ") : self
    }
}
