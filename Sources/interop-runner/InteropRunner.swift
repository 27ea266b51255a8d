import ArgumentParser
import Batch
import Foundation
import Orchestration
import Reporters

/// The root command. `run` is the default, so upstream's `run.py` command lines work unchanged.
struct InteropRunner: AsyncParsableCommand {
    static let version = "0.1.0"

    static let configuration = CommandConfiguration(
        commandName: "interop-runner",
        abstract:
            "Runs a QUIC or WebTransport interop matrix and writes JUnit, result.json, HTML and Markdown reports.",
        version: version,
        subcommands: [Run.self, List.self, Validate.self, Report.self, Site.self, PolicyCommand.self],
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
            code = report(error)
        }
        Foundation.exit(code)
    }

    /// Prints an error the way its kind asks for and returns the exit code.
    private static func report(_ error: any Error) -> Int32 {
        switch error {
        case let exit as ExitCode:
            return exit.rawValue
        case let problems as SpecProblems:
            for problem in problems.problems { printError("error: \(problem)") }
            return ExitStatus.usage
        case let runnerError as RunnerError:
            printError("error: \(runnerError.message)")
            return ExitStatus.usage
        case let setupError as JobSetupError:
            printError("error: cannot run jobs: \(setupError)")
            return ExitStatus.usage
        case let networkError as NetworkError:
            printError("error: cannot run jobs: \(networkError)")
            return ExitStatus.usage
        case let reportError as ReportError:
            printError("error: \(reportError.message)")
            return ExitStatus.usage
        default:
            let message = fullMessage(for: error)
            let code = exitCode(for: error)
            if code == .success {
                print(message)
                return ExitStatus.passed
            }
            if !message.isEmpty { printError(message) }
            return ExitStatus.usage
        }
    }
}

/// The runner's exit codes.
enum ExitStatus {
    static let passed: Int32 = 0
    static let failed: Int32 = 1
    static let usage: Int32 = 2
}

/// Writes a line to standard error.
func printError(_ line: String) {
    FileHandle.standardError.write(Data((line + "\n").utf8))
}
