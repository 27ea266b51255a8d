import Foundation
public import Results
internal import Yams

extension Policy {
    /// The keys a policy file may have at its top level.
    static let keys = ["required", "known-failures"]
    /// The keys of a `required` entry.
    static let cellKeys = ["server", "client", "test"]
    /// The keys of a `known-failures` entry.
    static let knownFailureKeys = ["server", "client", "test", "reason", "link"]

    /// The names a policy's exact (wildcard-free) names are checked against: a typo never silently matches nothing.
    public struct Names: Sendable {
        public var implementations: [String]
        public var tests: [String]

        /// Creates the lists.
        public init(implementations: [String], tests: [String]) {
            self.implementations = implementations
            self.tests = tests
        }
    }

    /// Reads a policy file (YAML or JSON, as a matrix spec), checking it like one.
    ///
    /// - Throws: `SpecProblems` naming every problem at once with its file, line, column and path.
    public static func load(from path: String, names: Names? = nil) throws(SpecProblems) -> Policy {
        let text = try InputFile.read(path, kind: "policy")
        return try decode(text, file: path, names: names)
    }

    /// Decodes a policy from text; `file` names it in problems.
    public static func decode(_ text: String, file: String, names: Names? = nil) throws(SpecProblems) -> Policy {
        let reader = DocumentReader(file: file)
        var policy = Policy(source: file)
        if let root = reader.parse(text), let pairs = reader.mapping(root, at: "") {
            reader.rejectUnknownKeys(pairs, known: keys, at: "")
            for (key, _, value) in pairs {
                guard case .sequence(let entries) = value else {
                    reader.problem(at: key, value, "expected a list, found \(reader.kind(of: value))")
                    continue
                }
                for (position, entry) in entries.enumerated() {
                    let path = "\(key)[\(position)]"
                    if key == "required" {
                        if let cells = cells(entry, at: path, known: cellKeys, reader, names) {
                            policy.required.append(cells)
                        }
                    } else if let known = knownFailure(entry, at: path, reader, names) {
                        policy.knownFailures.append(known)
                    }
                }
            }
        }
        if !reader.problems.isEmpty { throw SpecProblems(reader.problems) }
        return policy
    }

    /// A `required` entry, or the cell part of a `known-failures` entry; a part left out matches everything.
    private static func cells(
        _ node: Node, at path: String, known: [String], _ reader: DocumentReader, _ names: Names?
    ) -> CellPattern? {
        guard let pairs = reader.mapping(node, at: path) else { return nil }
        reader.rejectUnknownKeys(pairs, known: known, at: path)
        var pattern = CellPattern(origin: "\(reader.file):\(node.mark?.line ?? 0): \(path)")
        var valid = true
        for (key, _, value) in pairs where cellKeys.contains(key) {
            guard let text = reader.string(value, at: "\(path).\(key)") else {
                valid = false
                continue
            }
            if text.isEmpty {
                reader.problem(at: "\(path).\(key)", value, "must not be empty (use \"*\" for any)")
                valid = false
                continue
            }
            if let names, !CellPattern.isWildcard(text) {
                let candidates = key == "test" ? names.tests : names.implementations
                if !candidates.contains(text) {
                    reader.problem(
                        at: "\(path).\(key)", value,
                        Suggestion.unknown(key == "test" ? "test" : "implementation", text, in: candidates))
                    valid = false
                }
            }
            switch key {
            case "server": pattern.server = text
            case "client": pattern.client = text
            default: pattern.test = text
            }
        }
        return valid ? pattern : nil
    }

    /// A `known-failures` entry: its cells, a `reason` (required) and a `link` (optional).
    private static func knownFailure(
        _ node: Node, at path: String, _ reader: DocumentReader, _ names: Names?
    ) -> KnownFailure? {
        guard let pattern = cells(node, at: path, known: knownFailureKeys, reader, names),
            let pairs = reader.mapping(node, at: path)
        else { return nil }
        var reason: String?
        var link: String?
        for (key, _, value) in pairs {
            switch key {
            case "reason": reason = reader.string(value, at: "\(path).reason")
            case "link": link = reader.string(value, at: "\(path).link")
            default: break
            }
        }
        guard let reason, !reason.isEmpty else {
            reader.problem(at: "\(path).reason", node, "a known failure needs a reason (and may have a link)")
            return nil
        }
        return KnownFailure(cells: pattern, reason: reason, link: link)
    }
}
