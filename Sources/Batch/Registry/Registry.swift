import Foundation
public import Results
internal import Yams

/// The implementations a run can use, merged from one or more registry files in their order.
///
/// The format is upstream's `implementations_quic.json` (`image`, `url`, `role`) plus two optional fields for
/// endpoints that run as local commands: `command` (a `run_endpoint` executable; a relative path resolves against
/// the registry file's folder) and `version`. A later file may name an entry again: its fields override or extend
/// the earlier ones, so a local registry can add a `command` to an upstream entry.
///
/// Invariant: every name is non-empty and made of ASCII letters, digits and `-` (it becomes a directory name and a
/// JUnit classname part, where `.` and `_` are separators).
public struct Registry: Sendable, Hashable {
    /// The entries in first-seen order.
    public private(set) var implementations: [Implementation] = []
    private var index: [String: Int] = [:]
    /// The names whose image `-r/--replace` (or the spec's `replace:`) set.
    public private(set) var replacedImages: Set<String> = []
    /// Where each entry's `command` was set (the last registry that set it), for problems about the command.
    private var commandPlaces: [String: Located<String>] = [:]

    /// An empty registry.
    public init() {}

    /// The entry named `name`.
    public subscript(name: String) -> Implementation? {
        index[name].map { implementations[$0] }
    }

    /// Every name, in order.
    public var names: [String] { implementations.map(\.name) }

    /// The file, path, line and column where `name`'s `command` was set, when a registry file set it.
    public func commandPlace(of name: String) -> Located<String>? { commandPlaces[name] }

    /// Loads and merges registry files, reporting every problem of every file at once.
    public static func load(_ paths: [String]) throws(SpecProblems) -> Registry {
        var registry = Registry()
        var problems: [SpecProblem] = []
        for path in paths {
            let text: String
            do {
                text = try InputFile.read(path, kind: "registry")
            } catch {
                problems += error.problems
                continue
            }
            let (entries, places, found) = parseCollecting(text, file: path)
            problems += found
            if found.isEmpty {
                registry.merge(entries)
                registry.commandPlaces.merge(places) { _, later in later }
            }
        }
        if !problems.isEmpty { throw SpecProblems(problems) }
        return registry
    }

    /// Parses one registry document; relative commands resolve against `file`'s folder.
    public static func parse(_ text: String, file: String) throws(SpecProblems) -> [Implementation] {
        let (entries, _, problems) = parseCollecting(text, file: file)
        if !problems.isEmpty { throw SpecProblems(problems) }
        return entries
    }

    /// Parses one registry document: its entries, where each `command` was set, and every problem.
    private static func parseCollecting(_ text: String, file: String) -> (
        [Implementation], [String: Located<String>], [SpecProblem]
    ) {
        let reader = DocumentReader(file: file)
        var entries: [Implementation] = []
        var places: [String: Located<String>] = [:]
        if let root = reader.parse(text), let pairs = reader.mapping(root, at: "") {
            // Endpoints start with `/` as their working directory, so a command must be an absolute path.
            let absolute = file.hasPrefix("/") ? file : FileManager.default.currentDirectoryPath + "/" + file
            let folder = ((absolute as NSString).deletingLastPathComponent as NSString).standardizingPath
            for (name, keyNode, value) in pairs {
                if let problem = nameProblem(name) { reader.problem(at: reader.join("", name), keyNode, problem) }
                if let (entry, place) = parseEntry(name, value, reader, folder: folder) {
                    entries.append(entry)
                    if let place { places[name] = place }
                }
            }
        }
        return (entries, places, reader.problems)
    }

    private static let entryKeys = ["image", "url", "role", "command", "version"]

    /// One entry and where its `command` is, or `nil` when the entry is not a mapping.
    private static func parseEntry(_ name: String, _ node: Node, _ reader: DocumentReader, folder: String)
        -> (Implementation, Located<String>?)?
    {
        let entryPath = reader.join("", name)
        guard let pairs = reader.mapping(node, at: entryPath) else { return nil }
        reader.rejectUnknownKeys(pairs, known: entryKeys, at: entryPath)
        var entry = Implementation(name: name, url: "", role: .both)
        var commandPlace: Located<String>?
        var seen: Set<String> = []
        for (key, _, value) in pairs {
            let path = reader.join(entryPath, key)
            guard let text = reader.string(value, at: path) else { continue }
            seen.insert(key)
            switch key {
            case "image": entry.image = text
            case "url": entry.url = text
            case "command":
                if text.isEmpty {
                    reader.problem(at: path, value, "must not be empty")
                    continue
                }
                let command = text.hasPrefix("/") ? text : (folder as NSString).appendingPathComponent(text)
                entry.command = command
                commandPlace = Located(
                    command, file: reader.file, path: path, line: value.mark?.line, column: value.mark?.column)
            case "version": entry.version = text
            case "role":
                if let role = Role(rawValue: text) {
                    entry.role = role
                } else {
                    reader.problem(
                        at: path, value, "unknown role \(Echo.quoted(text)); expected client, server or both")
                }
            default: break
            }
        }
        for required in ["url", "role"] where !seen.contains(required) {
            reader.problem(at: entryPath, node, "missing \"\(required)\"")
        }
        if !seen.contains("image") && !seen.contains("command") {
            reader.problem(at: entryPath, node, "needs an \"image\" (Docker) or a \"command\" (local endpoint)")
        }
        return (entry, commandPlace)
    }

    /// Why `name` cannot be an implementation name, or `nil` when it can.
    public static func nameProblem(_ name: String) -> String? {
        if name.isEmpty { return "an implementation name must not be empty" }
        if name.contains(".") || name.contains("_") {
            return
                "implementation name \(Echo.quoted(name)) contains \".\" or \"_\", which break the <server>_<client> log folder and the JUnit classname"
        }
        let allowed = name.unicodeScalars.allSatisfy {
            $0.isASCII && (CharacterSet.alphanumerics.contains($0) || $0 == "-")
        }
        if !allowed {
            return "implementation name \(Echo.quoted(name)) may contain only ASCII letters, digits and \"-\""
        }
        return nil
    }

    /// Adds entries; an entry whose name exists overrides the fields it sets.
    public mutating func merge(_ entries: [Implementation]) {
        for entry in entries {
            guard let position = index[entry.name] else {
                index[entry.name] = implementations.count
                implementations.append(entry)
                continue
            }
            var merged = implementations[position]
            merged.url = entry.url
            merged.role = entry.role
            merged.image = entry.image ?? merged.image
            merged.command = entry.command ?? merged.command
            merged.version = entry.version ?? merged.version
            implementations[position] = merged
        }
    }

    /// Replaces an entry's image (upstream `-r name=image`); under the `auto` runtime the entry then runs as that
    /// image even if it has a command.
    public mutating func replaceImage(of name: String, with image: String) {
        guard let position = index[name] else { return }
        implementations[position].image = image
        replacedImages.insert(name)
    }
}
