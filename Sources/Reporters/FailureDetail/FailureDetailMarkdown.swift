import Results

/// A failure detail as Markdown for summary.md and pull-request comments: a folded `<details>` block whose outputs
/// are fenced code blocks, so nothing an endpoint printed can format, link or close the block.
enum FailureDetailMarkdown {
    /// The block's lines, each prefixed with `indent` (a list item's continuation).
    static func lines(_ detail: FailureDetail, indent: String) -> [String] {
        let escape = MarkdownSummary.escape
        var lines = [
            "\(indent)<details><summary>\(escape(detail.seedLine)); logs and the endpoints' last lines</summary>", "",
        ]
        lines.append(
            indent + "Logs (paths in the log archive): "
                + detail.files.map { "`\(MarkdownSummary.code($0))`" }.joined(separator: ", "))
        if let text = detail.detail {
            lines += ["", "\(indent)What the runner added:", ""]
            lines += fenced(text, indent: indent)
        }
        for (role, output) in [("server", detail.serverOutput), ("client", detail.clientOutput)] {
            guard let output else { continue }
            lines += [
                "", "\(indent)Last lines of `\(MarkdownSummary.code("\(detail.id.logPath)/\(role).out.txt"))`:", "",
            ]
            lines += fenced(output, indent: indent)
        }
        lines += ["", "\(indent)</details>"]
        return lines
    }

    /// `text` in a fenced code block whose fence is longer than any run of backticks in it, so it cannot end early.
    static func fenced(_ text: String, indent: String) -> [String] {
        let cleaned = TextSanitizer.clean(text)
        var longest = 0
        var run = 0
        for character in cleaned {
            run = character == "`" ? run + 1 : 0
            longest = max(longest, run)
        }
        let fence = String(repeating: "`", count: max(3, longest + 1))
        let body = cleaned.split(separator: "\n", omittingEmptySubsequences: false).map { indent + $0 }
        return [indent + fence + "text"] + body + [indent + fence]
    }
}
