import Foundation
import Results
internal import Yams

extension MatrixSpec {
    /// Reads and decodes a spec file, reporting every problem at once.
    ///
    /// - Throws: `SpecProblems` naming each problem with its file, line and path.
    public static func load(from path: String) throws(SpecProblems) -> MatrixSpec {
        let (spec, problems) = loadCollecting(from: path)
        guard let spec, problems.isEmpty else { throw SpecProblems(problems) }
        return spec
    }

    /// Decodes a spec from text; `file` names it in problems.
    public static func decode(_ text: String, file: String) throws(SpecProblems) -> MatrixSpec {
        let (spec, problems) = decodeCollecting(text, file: file)
        guard let spec, problems.isEmpty else { throw SpecProblems(problems) }
        return spec
    }

    /// Reads a spec file and decodes what it can: the fields that are well-formed, and a problem for each that is
    /// not, so later checks (unknown names) can be reported together with these. `nil` when the file cannot be
    /// read or is not a mapping at all.
    static func loadCollecting(from path: String) -> (MatrixSpec?, [SpecProblem]) {
        do {
            return decodeCollecting(try InputFile.read(path, kind: "spec"), file: path)
        } catch {
            return (nil, error.problems)
        }
    }

    /// Decodes what it can of `text`; see `loadCollecting(from:)`.
    static func decodeCollecting(_ text: String, file: String) -> (MatrixSpec?, [SpecProblem]) {
        let reader = DocumentReader(file: file)
        guard let root = reader.parse(text), let pairs = reader.mapping(root, at: "") else {
            return (nil, reader.problems)
        }
        var spec = MatrixSpec(file: file)
        reader.rejectUnknownKeys(pairs, known: keys, at: "")
        for (key, _, value) in pairs {
            spec.places[key] = spec.locate(key, value, key, reader)
            spec.decodeField(key, value, reader)
        }
        return (spec, reader.problems)
    }

    private mutating func decodeField(_ key: String, _ value: Node, _ reader: DocumentReader) {
        switch key {
        case "protocol":
            if let name = reader.string(value, at: key) {
                if let kind = WireProtocol(rawValue: name) {
                    protocolKind = kind
                } else {
                    reader.problem(
                        at: key, value, "unknown protocol \(Echo.quoted(name)); expected quic or webtransport")
                }
            }
        case "registries": registries = located(reader.strings(value, at: key), key, reader)
        case "servers", "clients", "tests", "measurements":
            let selection = Self.selection(value, at: key, reader)
            switch key {
            case "servers": servers = selection
            case "clients": clients = selection
            case "tests": tests = selection
            default: measurements = selection
            }
        case "must-include":
            if let name = reader.string(value, at: key) { mustInclude = locate(name, value, key, reader) }
        case "no-auto-unsupported": noAutoUnsupported = located(reader.strings(value, at: key), key, reader)
        case "replace":
            replace = mappingOf(value, at: key, reader) { reader.string($0, at: $1) }
        case "jobs": jobs = reader.integer(value, at: key, in: RunOptions.jobsRange)
        case "runtime":
            if let name = reader.string(value, at: key) {
                if let kind = Runtime(rawValue: name) {
                    runtime = kind
                } else {
                    reader.problem(
                        at: key, value, "unknown runtime \(Echo.quoted(name)); expected process, docker or auto")
                }
            }
        case "pull":
            if let name = reader.string(value, at: key) {
                if let policy = PullPolicy(rawValue: name) {
                    pull = policy
                } else {
                    reader.problem(at: key, value, "unknown pull policy \"\(name)\"; expected missing or never")
                }
            }
        case "seed": seed = reader.unsigned(value, at: key)
        case "save-files": saveFiles = reader.bool(value, at: key)
        case "timeouts":
            timeouts = mappingOf(value, at: key, reader) { reader.seconds($0, at: $1, in: MatrixSpec.timeoutRange) }
        case "output": decodeOutput(value, reader)
        case "retries", "deadline", "shard", "keep-traces": decodeScaleField(key, value, reader)
        case "limits": decodeLimits(value, reader)
        default: break  // reported by rejectUnknownKeys
        }
    }

    private mutating func decodeOutput(_ node: Node, _ reader: DocumentReader) {
        guard let pairs = reader.mapping(node, at: "output") else { return }
        reader.rejectUnknownKeys(pairs, known: Self.outputKeys, at: "output")
        for (key, _, value) in pairs {
            guard let path = reader.string(value, at: "output.\(key)") else { continue }
            if path.isEmpty {
                reader.problem(at: "output.\(key)", value, "must not be empty")
                continue
            }
            let located = locate(path, value, "output.\(key)", reader)
            switch key {
            case "dir": output.dir = located
            case "log-dir": output.logDir = located
            case "json": output.json = located
            case "junit": output.junit = located
            case "html": output.html = located
            case "markdown": output.markdown = located
            case "archive": output.archive = located
            default: break
            }
        }
    }

    /// `all`, `none`, or a list of names.
    private static func selection(_ node: Node, at path: String, _ reader: DocumentReader) -> Selection? {
        if case .scalar(let scalar) = node {
            switch node.tag == Tag(.str) ? scalar.string : nil {
            case "all": return .all
            case "none": return .nothing
            default:
                reader.problem(at: path, node, "expected all, none or a list of names, found \(reader.kind(of: node))")
                return nil
            }
        }
        guard let names = reader.strings(node, at: path) else { return nil }
        return .names(
            names.enumerated().map { index, name in
                Located(
                    name.value, file: reader.file, path: "\(path)[\(index)]", line: name.node.mark?.line,
                    column: name.node.mark?.column)
            })
    }

    private func located(
        _ values: [(value: String, node: Node)]?,
        _ path: String,
        _ reader: DocumentReader
    ) -> [Located<String>]? {
        values?.enumerated().map { index, item in locate(item.value, item.node, "\(path)[\(index)]", reader) }
    }

    private func locate(_ value: String, _ node: Node, _ path: String, _ reader: DocumentReader) -> Located<String> {
        Located(value, file: reader.file, path: path, line: node.mark?.line, column: node.mark?.column)
    }

    private func mappingOf<Value>(
        _ node: Node,
        at path: String,
        _ reader: DocumentReader,
        _ decode: (Node, String) -> Value?
    ) -> [Located<String>: Value]? {
        guard let pairs = reader.mapping(node, at: path) else { return nil }
        var result: [Located<String>: Value] = [:]
        for (key, keyNode, value) in pairs {
            let itemPath = reader.join(path, key)
            if let decoded = decode(value, itemPath) { result[locate(key, keyNode, itemPath, reader)] = decoded }
        }
        return result
    }
}
