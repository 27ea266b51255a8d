import Foundation
import StrictJSON
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
    /// A `.json` file must be strict JSON (YAML would accept a trailing comma, a comment or a key twice); it is
    /// checked by `JSONParser` first, then read through Yams for key order and positions.
    func parse(_ text: String) -> Node? {
        var text = text
        if file.lowercased().hasSuffix(".json") {
            do {
                _ = try JSONParser.parse(Array(text.utf8))
            } catch {
                problems.append(
                    SpecProblem(
                        file: file, path: "", line: error.line, column: error.column,
                        message: "not strict JSON: \(error.message)"))
                return nil
            }
            text = Self.yamlEscapes(text)
        }
        do {
            guard let node = try Yams.compose(yaml: text) else {
                problems.append(SpecProblem(file: file, path: "", line: 1, column: 1, message: "the document is empty"))
                return nil
            }
            return node
        } catch let error as YamlError {
            problemFromYams(error, text)
        } catch {
            problem(at: "", nil, "cannot be parsed: \(error)")
        }
        return nil
    }

    /// One problem for a Yams error, at its line and column; never the error's own description, which quotes the
    /// whole document.
    private func problemFromYams(_ error: YamlError, _ text: String) {
        func add(_ line: Int?, _ column: Int?, _ message: String) {
            problems.append(SpecProblem(file: file, path: "", line: line, column: column, message: message))
        }
        switch error {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
            .composer(let context, let problem, let mark, _):
            let started = context.map { " (\($0.text) at line \($0.mark.line), column \($0.mark.column))" } ?? ""
            let place = Self.clamped(line: mark.line, column: mark.column, in: text)
            add(place.line, place.column, "malformed YAML: \(problem)\(started)")
        case .duplicatedKeysInMapping(let duplicates, let context):
            let names = duplicates.map { Echo.quoted($0) }.joined(separator: ", ")
            add(
                context.mark.line, context.mark.column,
                "duplicate key \(names): a key may appear only once in a mapping (this is its first place)")
        case .reader(let problem, let offset, let value, _):
            let place = offset.map { Self.position(ofByte: $0, in: text) }
            let byte = value >= 0 ? " (byte 0x\(String(value, radix: 16, uppercase: true)))" : ""
            add(place?.line, place?.column, "unreadable text: \(problem)\(byte)")
        default:
            add(nil, nil, "cannot be parsed as YAML")
        }
    }

    /// Valid JSON that YAML reads differently: `\uD83D\uDE42` (a surrogate pair, as Python's `json.dump` writes any
    /// character beyond the BMP) is one YAML `\U0001F642`, and a lone surrogate, which YAML refuses, becomes U+FFFD as
    /// `JSONParser` reads it. Only escapes change, and only in strings (`text` is strict JSON, so every backslash is in
    /// one); a pair shortens its line by two columns.
    static func yamlEscapes(_ text: String) -> String {
        guard text.contains("\\u") else { return text }
        let scalars = Array(text.unicodeScalars)
        func hex(at index: Int) -> UInt32? {
            guard index + 6 <= scalars.count, scalars[index] == "\\", scalars[index + 1] == "u" else { return nil }
            return UInt32(String(String.UnicodeScalarView(scalars[(index + 2)..<(index + 6)])), radix: 16)
        }
        var out = String.UnicodeScalarView()
        var index = 0
        while index < scalars.count {
            guard scalars[index] == "\\", index + 1 < scalars.count else {
                out.append(scalars[index])
                index += 1
                continue
            }
            guard let unit = hex(at: index), (0xD800..<0xE000).contains(unit) else {
                out.append(contentsOf: scalars[index...(index + 1)])
                index += 2
                continue
            }
            if unit < 0xDC00, let low = hex(at: index + 6), (0xDC00..<0xE000).contains(low) {
                let value = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00)
                let digits = String(value, radix: 16, uppercase: true)
                out.append(
                    contentsOf: ("\\U" + String(repeating: "0", count: 8 - digits.count) + digits).unicodeScalars)
                index += 12
            } else {
                out.append(contentsOf: "\\uFFFD".unicodeScalars)
                index += 6
            }
        }
        return String(out)
    }

    /// libyaml places the end of a document that lacks a final line break on the line after it; such a place is
    /// moved back to the end of the last line, so it is always inside the file.
    static func clamped(line: Int, column: Int, in text: String) -> (line: Int, column: Int) {
        let lines = lines(of: text)
        guard line > lines.count else { return (line, column) }
        return (lines.count, (lines.last?.unicodeScalars.count ?? 0) + 1)
    }

    /// The lines of `text` as YAML counts them: a line feed, a carriage return or both end a line.
    static func lines(of text: String) -> [Substring] {
        text.split(omittingEmptySubsequences: false) { $0 == "\n" || $0 == "\r" || $0 == "\r\n" }
    }

    /// The line and column (in scalars) of UTF-8 byte `offset` of `text`.
    static func position(ofByte offset: Int, in text: String) -> (line: Int, column: Int) {
        var line = 1
        var column = 1
        for byte in text.utf8.prefix(offset) {
            if byte == UInt8(ascii: "\n") {
                line += 1
                column = 1
            } else if byte & 0xC0 != 0x80 {
                column += 1
            }
        }
        return (line, column)
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

    /// Unknown keys past this many get no `did you mean`: a file of thousands of them is not a typo, and the
    /// comparisons would cost seconds.
    static let suggestedKeys = 100

    /// Checks that every key is one of `known`; unknown keys are problems, the first ones with a suggestion.
    func rejectUnknownKeys(_ pairs: [(key: String, keyNode: Node, value: Node)], known: [String], at path: String) {
        for pair in pairs where !known.contains(pair.key) {
            let message =
                problems.count < Self.suggestedKeys
                ? Suggestion.unknown("key", pair.key, in: known) : "unknown key \(Echo.quoted(pair.key))"
            problem(at: join(path, pair.key), pair.keyNode, message)
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

    /// An integer scalar within `range`.
    func integer(_ node: Node, at path: String, in range: ClosedRange<Int>) -> Int? {
        guard case .scalar = node, node.tag == Tag(.int) else {
            problem(at: path, node, "expected an integer, found \(kind(of: node))")
            return nil
        }
        guard let value = node.int, range.contains(value) else {
            problem(
                at: path, node,
                "\(Echo.truncated(node.scalar?.string ?? "")) is out of range \(range.lowerBound)...\(range.upperBound)"
            )
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

    /// A number of seconds within `range` (a timeout: large enough to start a job, small enough to be a duration).
    func seconds(_ node: Node, at path: String, in range: ClosedRange<Double>) -> Double? {
        guard case .scalar = node, node.tag == Tag(.int) || node.tag == Tag(.float), let value = node.float else {
            problem(at: path, node, "expected a number of seconds, found \(kind(of: node))")
            return nil
        }
        guard value.isFinite, range.contains(value) else {
            problem(
                at: path, node,
                "\(Echo.truncated(node.scalar?.string ?? "")) is out of range: a number of seconds from \(Self.plain(range.lowerBound)) to "
                    + "\(Self.plain(range.upperBound))")
            return nil
        }
        return value
    }

    /// `30` for 30.0, `0.5` for 0.5.
    private static func plain(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)
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

    /// `a.b`, or `b` at the root; a long key is cut (`Echo`).
    func join(_ path: String, _ key: String) -> String {
        let key = Echo.truncated(key)
        return path.isEmpty ? key : "\(path).\(key)"
    }

    /// A short name of the node's kind for messages.
    func kind(of node: Node) -> String {
        switch node {
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        case .alias: return "an alias"
        case .scalar(let scalar):
            switch node.tag {
            case Tag(.int): return "the integer \(Echo.truncated(scalar.string))"
            case Tag(.float): return "the number \(Echo.truncated(scalar.string))"
            case Tag(.bool): return "the boolean \(Echo.truncated(scalar.string))"
            case Tag(.null): return "null"
            default: return "the string \(Echo.quoted(scalar.string))"
            }
        }
    }
}
