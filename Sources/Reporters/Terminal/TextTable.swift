/// A table laid out exactly as Python's prettytable does (centred cells, one space of padding, top-aligned
/// multi-line cells), in the two styles upstream's `_print_results` uses.
///
/// Widths count terminal columns (`DisplayWidth`), so ANSI colours do not widen a column.
struct TextTable {
    /// prettytable's `hrules = vrules = ALL`, or `set_style(MARKDOWN)`.
    enum Style {
        case allRules
        case markdown
    }

    var fieldNames: [String]
    var rows: [[String]] = []

    /// The table's text, without a trailing newline (as `str(table)`).
    func render(_ style: Style) -> String { lines(style).joined(separator: "\n") }

    /// The table's lines.
    func lines(_ style: Style) -> [String] {
        let widths = columnWidths(style)
        var out: [String] = []
        let rule = "+" + widths.map { String(repeating: "-", count: $0 + 2) }.joined(separator: "+") + "+"
        switch style {
        case .allRules:
            out.append(rule)
            out.append(line(fieldNames, widths))
            out.append(rule)
            for row in rows {
                out += rowLines(row, widths)
                out.append(rule)
            }
        case .markdown:
            out.append(line(fieldNames, widths))
            out.append(
                "|" + widths.map { " :" + String(repeating: "-", count: max(0, $0 - 2)) + ": " }.joined(separator: "|")
                    + "|")
            for row in rows { out += rowLines(row, widths) }
        }
        return out
    }

    private func columnWidths(_ style: Style) -> [Int] {
        var widths = fieldNames.map(blockWidth)
        for row in rows {
            for (column, value) in row.enumerated() where column < widths.count {
                widths[column] = max(widths[column], blockWidth(value))
                // Markdown needs room for ":-:" in a centred column.
                if style == .markdown { widths[column] = max(widths[column], 3) }
            }
        }
        return widths
    }

    private func blockWidth(_ value: String) -> Int {
        value.split(separator: "\n", omittingEmptySubsequences: false).map { DisplayWidth.of(String($0)) }.max() ?? 0
    }

    private func rowLines(_ row: [String], _ widths: [Int]) -> [String] {
        let cells = widths.indices.map { column in
            (column < row.count ? row[column] : "").split(separator: "\n", omittingEmptySubsequences: false).map(
                String.init)
        }
        let height = cells.map(\.count).max() ?? 1
        return (0..<height).map { y in line(cells.map { y < $0.count ? $0[y] : "" }, widths) }
    }

    private func line(_ values: [String], _ widths: [Int]) -> String {
        var out = "|"
        for (value, width) in zip(values, widths) {
            out += " " + Self.center(value, width) + " |"
        }
        return out
    }

    /// Python's `str.center` (as `wcwidth.center`): the odd padding cell goes left when the width is odd.
    static func center(_ text: String, _ width: Int) -> String {
        let padding = max(0, width - DisplayWidth.of(text))
        let left = padding / 2 + (padding & width & 1)
        return String(repeating: " ", count: left) + text + String(repeating: " ", count: padding - left)
    }

    /// The Markdown lines of a table.
    static func markdownLines(_ table: TextTable) -> [String] { table.lines(.markdown) }
}
