public import Results

/// `policy suggest`: the cells that succeeded in every one of the given runs, written as a policy's `required`
/// list, so a project can start gating on what already works.
public enum PolicySuggestion {
    /// The cells present in every run that succeeded in each, in the first run's matrix order.
    public static func requiredCells(_ runs: [RunResult]) -> [MatrixCell.Key] {
        guard let first = runs.first else { return [] }
        var candidates = MatrixCell.cells(of: first).filter { $0.status == .succeeded }.map(\.key)
        for run in runs.dropFirst() {
            let succeeded = Set(MatrixCell.cells(of: run).filter { $0.status == .succeeded }.map(\.key))
            candidates = candidates.filter { succeeded.contains($0) }
        }
        return candidates
    }

    /// A policy file (YAML) whose `required` list is `cells`, with a comment naming the runs (`sources`).
    public static func yaml(_ cells: [MatrixCell.Key], sources: [String]) -> String {
        var lines = [
            "# Cells that succeeded in all \(sources.count) runs: \(sources.map(TextSanitizer.clean).joined(separator: ", ")).",
            "# Candidates for `required`; review before gating on them.",
        ]
        if cells.isEmpty {
            lines.append("required: []")
        } else {
            lines.append("required:")
            for cell in cells {
                lines.append(
                    "  - {server: \(quoted(cell.server)), client: \(quoted(cell.client)), test: \(quoted(cell.test))}")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// A YAML double-quoted scalar (JSON string syntax, which YAML reads the same).
    static func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in TextSanitizer.clean(text).unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
