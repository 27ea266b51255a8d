import Foundation
import Testing

/// One bad input of the corpus: a command line, what to lay out before it, and what the first error line says.
///
/// In `arguments` and `expected`, `$C` is the corpus folder (`Fixtures/bad-inputs`, the files the cases name) and
/// `$O` the case's own scratch folder (its outputs, and where the binary runs). `expected` holds the place (file,
/// line and column and path, or `command line: at <flag>`) and the start of the message.
struct BadInput: Sendable, CustomTestStringConvertible {
    /// What to create in `$O` before the run: things in the way of the outputs, or inputs too large to commit.
    enum Preparation: Sendable {
        case folder(String)
        case file(String)
        /// A spec of `bytes` bytes of comments, at `name`.
        case largeSpec(String, bytes: Int)
    }

    /// Which commands the case runs through.
    enum Commands: Sendable {
        /// Both `run` (as upstream's command line, without a subcommand) and `validate`.
        case runAndValidate
        /// The arguments as they are (`report …`, or a case only one command accepts).
        case asGiven
    }

    var name: String
    var arguments: [String]
    var expected: String
    var preparations: [Preparation] = []
    var commands: Commands = .runAndValidate

    var testDescription: String { name }

    /// A case over a spec file of the corpus.
    static func spec(_ file: String, _ expected: String, extra: [String] = []) -> BadInput {
        BadInput(name: file, arguments: ["--spec", "$C/\(file)"] + extra, expected: "$C/\(file):" + expected)
    }

    /// A case over a registry file of the corpus, naming one of its entries.
    static func registry(_ file: String, _ expected: String) -> BadInput {
        BadInput(
            name: file, arguments: ["--registry", "$C/\(file)", "-s", "alpha", "-c", "alpha", "-t", "handshake"],
            expected: "$C/\(file):" + expected)
    }

    /// A case of command-line flags over the corpus's good registry (a valid matrix without them).
    static func flags(
        _ name: String, _ flags: [String], _ expected: String, preparations: [Preparation] = []
    ) -> BadInput {
        BadInput(
            name: name,
            arguments: ["--registry", "$C/good-registry.json", "-s", "alpha", "-c", "alpha", "-t", "handshake"] + flags,
            expected: expected, preparations: preparations)
    }

    /// The command lines the case runs: each with `$C` and `$O` filled in.
    func commandLines(corpus: String, scratch: String) -> [[String]] {
        let filled = arguments.map {
            $0.replacingOccurrences(of: "$C", with: corpus).replacingOccurrences(of: "$O", with: scratch)
        }
        switch commands {
        case .runAndValidate: return [filled, ["validate"] + filled]
        case .asGiven: return [filled]
        }
    }

    /// `expected` with `$C` and `$O` filled in.
    func expectation(corpus: String, scratch: String) -> String {
        expected.replacingOccurrences(of: "$C", with: corpus).replacingOccurrences(of: "$O", with: scratch)
    }

    /// Lays out the preparations in `scratch`.
    func prepare(in scratch: String) throws {
        for preparation in preparations {
            switch preparation {
            case .folder(let name):
                try FileManager.default.createDirectory(
                    atPath: scratch + "/" + name, withIntermediateDirectories: true)
            case .file(let name):
                try "in the way\n".write(toFile: scratch + "/" + name, atomically: true, encoding: .utf8)
            case .largeSpec(let name, let bytes):
                let line = "# a comment that makes the spec large\n"
                let text = String(repeating: line, count: bytes / line.utf8.count + 1)
                try text.write(toFile: scratch + "/" + name, atomically: true, encoding: .utf8)
            }
        }
    }
}
