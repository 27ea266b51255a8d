import Foundation
internal import Yams

/// Reads a YAML or JSON document into Yams nodes and collects problems with their paths instead of stopping at
/// the first one.
///
/// JSON is read as YAML (a JSON document is a YAML document), which keeps key order and gives line numbers.
final class DocumentReader {
    let file: String
    private(set) var problems: [SpecProblem] = []

    init(file: String) {
        self.file = file
    }

    /// Parses `text`; records a problem and returns `nil` when it is not well-formed.
    ///
    /// A `.json` file must be strict JSON (YAML would accept a trailing comma or a comment); it is checked with
    /// Foundation's parser first, then read through Yams for key order and positions.
    func parse(_ text: String) -> Node? {
        if file.lowercased().hasSuffix(".json") {
            do {
                _ = try JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed])
            } catch {
                let detail = (error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String
                problem(at: "", nil, "malformed JSON: \(detail ?? "\(error)")")
                return nil
            }
        }
        do {
            guard let node = try Yams.compose(yaml: text) else {
                problem(at: "", nil, "the document is empty")
                return nil
            }
            return node
        } catch let error as YamlError {
            problemFromYams(error)
        } catch {
            problem(at: "", nil, "cannot be parsed: \(error)")
        }
        return nil
    }

    private func problemFromYams(_ error: YamlError) {
        switch error {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _),
            .composer(_, let problem, let mark, _):
            problems.append(
                SpecProblem(
                    file: file, path: "", line: mark.line, column: mark.column, message: "malformed: \(problem)")
            )
        case .duplicatedKeysInMapping(let duplicates, _):
            problem(at: "", nil, "duplicate keys: \(duplicates.joined(separator: ", "))")
        default:
            problem(at: "", nil, "malformed: \(error)")
        }
    }

    /// Records a problem at `path`, located at `node` when given.
    func problem(at path: String, _ node: Node?, _ message: String) {
        problems.append(
            SpecProblem(file: file, path: path, line: node?.mark?.line, column: node?.mark?.column, message: message)
        )
    }

    /// The key/value pairs of a mapping in document order, or `nil` (with a problem) when `node` is not one.
    func mapping(_ node: Node, at path: String) -> [(key: String, keyNode: Node, value: Node)]? {
        guard case .mapping(let mapping) = node else {
            problem(at: path, node, "expected a mapping, found \(kind(of: node))")
            return nil
        }
        var pairs: [(key: String, keyNode: Node, value: Node)] = []
        for (key, value) in mapping {
            guard let name = key.scalar?.string else {
                problem(at: path, key, "keys must be strings")
                continue
            }
            pairs.append((name, key, value))
        }
        return pairs
    }

    /// Checks that every key is one of `known`; unknown keys are problems with a suggestion.
    func rejectUnknownKeys(_ pairs: [(key: String, keyNode: Node, value: Node)], known: [String], at path: String) {
        for pair in pairs where !known.contains(pair.key) {
            problem(at: join(path, pair.key), pair.keyNode, Suggestion.unknown("key", pair.key, in: known))
        }
    }

    /// A string scalar (quoted or plain); numbers and booleans are problems.
    func string(_ node: Node, at path: String) -> String? {
        guard case .scalar(let scalar) = node, scalar.style != .plain || node.tag == Tag(.str) else {
            problem(at: path, node, "expected a string, found \(kind(of: node))")
            return nil
        }
        return scalar.string
    }

    /// A non-negative integer scalar within `range`.
    func integer(_ node: Node, at path: String, in range: ClosedRange<Int>) -> Int? {
        guard case .scalar = node, node.tag == Tag(.int), let value = node.int else {
            problem(at: path, node, "expected an integer, found \(kind(of: node))")
            return nil
        }
        guard range.contains(value) else {
            problem(at: path, node, "\(value) is out of range \(range.lowerBound)...\(range.upperBound)")
            return nil
        }
        return value
    }

    /// An unsigned 64-bit integer scalar (seeds).
    func unsigned(_ node: Node, at path: String) -> UInt64? {
        guard case .scalar(let scalar) = node, node.tag == Tag(.int), let value = UInt64(scalar.string) else {
            problem(at: path, node, "expected an unsigned 64-bit integer, found \(kind(of: node))")
            return nil
        }
        return value
    }

    /// A positive number of seconds.
    func seconds(_ node: Node, at path: String) -> Double? {
        guard case .scalar = node, node.tag == Tag(.int) || node.tag == Tag(.float), let value = node.float,
            value > 0, value.isFinite
        else {
            problem(at: path, node, "expected a positive number of seconds, found \(kind(of: node))")
            return nil
        }
        return value
    }

    /// A boolean scalar (`true`/`false`).
    func bool(_ node: Node, at path: String) -> Bool? {
        guard case .scalar = node, node.tag == Tag(.bool), let value = node.bool else {
            problem(at: path, node, "expected true or false, found \(kind(of: node))")
            return nil
        }
        return value
    }

    /// A sequence of strings; a single string is not accepted, so `[a, b]` and `a,b` are not confused.
    func strings(_ node: Node, at path: String) -> [(value: String, node: Node)]? {
        guard case .sequence(let sequence) = node else {
            problem(at: path, node, "expected a list, found \(kind(of: node))")
            return nil
        }
        var values: [(value: String, node: Node)] = []
        for (index, element) in sequence.enumerated() {
            if let value = string(element, at: "\(path)[\(index)]") { values.append((value, element)) }
        }
        return values
    }

    /// `a.b`, or `b` at the root.
    func join(_ path: String, _ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

    /// A short name of the node's kind for messages.
    func kind(of node: Node) -> String {
        switch node {
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        case .alias: return "an alias"
        case .scalar(let scalar):
            switch node.tag {
            case Tag(.int): return "the integer \(scalar.string)"
            case Tag(.float): return "the number \(scalar.string)"
            case Tag(.bool): return "the boolean \(scalar.string)"
            case Tag(.null): return "null"
            default: return "the string \"\(scalar.string)\""
            }
        }
    }
}
