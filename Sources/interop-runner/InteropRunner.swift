import ArgumentParser
import Batch
import Foundation
import Orchestration
import Reporters
import Results

/// The root command. `run` is the default, so upstream's `run.py` command lines work unchanged.
struct InteropRunner: AsyncParsableCommand {
    static let version = "0.1.0"

    static let configuration = CommandConfiguration(
        commandName: "interop-runner",
        abstract:
            "Runs a QUIC or WebTransport interop matrix and writes JUnit, result.json, HTML and Markdown reports.",
        version: version,
        subcommands: [Run.self, List.self, Validate.self, Report.self, Merge.self, Site.self, PolicyCommand.self],
        defaultSubcommand: Run.self
    )

    /// Parses the command line, runs the command and exits with 0 (all passed), 1 (a test failed or timed out)
    /// or 2 (usage, configuration or infrastructure error). Never with a count of failures.
    static func runAndExit() async {
        let code: Int32
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
            code = ExitStatus.passed
        } catch {
            let diagnosis = diagnosis(of: error, arguments: CommandLine.arguments)
            if let output = diagnosis.standardOutput { print(output) }
            for line in diagnosis.errorLines { printError(line) }
            code = diagnosis.exitCode
        }
        Foundation.exit(code)
    }

    /// What the runner prints for an error and the exit code it ends with: at most `SpecProblems.shownLimit`
    /// problems, one line each, control characters escaped (`printError`).
    struct Diagnosis {
        var exitCode: Int32
        /// Lines for standard error.
        var errorLines: [String]
        /// Text for standard output (help and version requests).
        var standardOutput: String?
    }

    /// The diagnosis of `error`, by its kind; `arguments` is the command line the error may quote.
    static func diagnosis(of error: any Error, arguments: [String]) -> Diagnosis {
        switch error {
        case let exit as ExitCode:
            return Diagnosis(exitCode: exit.rawValue, errorLines: [])
        case let problems as SpecProblems:
            return Diagnosis(exitCode: ExitStatus.usage, errorLines: problems.lines().map { "error: \($0)" })
        case let runnerError as RunnerError:
            return Diagnosis(exitCode: ExitStatus.usage, errorLines: ["error: \(runnerError.message)"])
        case let setupError as JobSetupError:
            return Diagnosis(exitCode: ExitStatus.usage, errorLines: ["error: cannot run jobs: \(setupError)"])
        case let networkError as NetworkError:
            return Diagnosis(exitCode: ExitStatus.usage, errorLines: ["error: cannot run jobs: \(networkError)"])
        case let reportError as ReportError:
            return Diagnosis(exitCode: ExitStatus.usage, errorLines: ["error: \(reportError.message)"])
        default:
            let message = fullMessage(for: error)
            if exitCode(for: error) == .success {
                return Diagnosis(exitCode: ExitStatus.passed, errorLines: [], standardOutput: message)
            }
            // ArgumentParser's message is several lines (error, usage, hint) and may quote an argument: when one holds
            // a line break or another control character, the message is kept on one line, escaped whole.
            let quotesControl = arguments.contains { $0.unicodeScalars.contains(where: InertText.needsEscape) }
            let lines =
                quotesControl
                ? [InertText.escaped(message)]
                : message.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            return Diagnosis(exitCode: ExitStatus.usage, errorLines: message.isEmpty ? [] : lines)
        }
    }
}

/// The runner's exit codes.
enum ExitStatus {
    static let passed: Int32 = 0
    static let failed: Int32 = 1
    static let usage: Int32 = 2
}

/// Writes a line to standard error, its control characters escaped (`InertText`): it may quote the input.
func printError(_ line: String) {
    FileHandle.standardError.write(Data((InertText.escaped(line) + "\n").utf8))
}
