import ArgumentParser
import Foundation
import Reporters
import Results

/// `interop-runner policy suggest --runs DIR...`.
struct PolicyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "policy", abstract: "Work with policy files (--policy).", subcommands: [Suggest.self])

    /// Prints the cells that succeeded in every given run, as a policy's `required` list.
    struct Suggest: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print the cells that succeeded in all the given runs, as a policy file's required list.")

        @Option(
            parsing: .upToNextOption,
            help: "Run output folders (each with a result.json) or result.json files.")
        var runs: [String] = []

        func validate() throws {
            if runs.isEmpty { throw ValidationError("give --runs DIR... (run output folders or result.json files)") }
        }

        func run() async throws {
            let results = try runs.map { try loadRunResult(from: RunFolder.resultJSON(of: $0)) }
            print(PolicySuggestion.yaml(PolicySuggestion.requiredCells(results), sources: runs), terminator: "")
        }
    }
}

/// A run given on the command line: its output folder (holding `result.json`) or the `result.json` itself.
enum RunFolder {
    /// The `result.json` of `path`.
    static func resultJSON(of path: String) -> URL {
        var isDirectory: ObjCBool = false
        let url = URL(fileURLWithPath: path)
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
            return url.appendingPathComponent("result.json")
        }
        return url
    }
}
