import Foundation
import Testing

/// Runs the shell steps of the composite action `ci/github/action.yml` as GitHub's runner would: each `run:` with
/// `bash --noprofile --norc -eo pipefail`, its `env:` evaluated from the inputs and earlier steps' outputs, and a
/// fake `GITHUB_*` environment (output, env, step summary files). `uses:` steps are recorded, not run.
///
/// Only the expressions the action uses are understood (`inputs.X`, `steps.ID.outputs.X`, `always()`, `==`,
/// `!=`, `&&`); anything else fails the test, so the harness cannot silently skip a step it misreads.
struct ActionHarness {
    /// What one step did.
    struct StepRun {
        var name: String
        var status: Int32
        var stdout: String
        var stderr: String
        var outputs: [String: String]
    }

    /// What a whole run of the action did.
    struct Outcome {
        var steps: [StepRun]
        var uploads: [[String: String]]
        var summary: String
        /// The action's own `outputs:`, evaluated.
        var outputs: [String: String]
    }

    let action: Template
    let inputs: [String: String]
    /// The fake workspace: GITHUB_WORKSPACE, the working directory of every step.
    let workspace: String
    /// Added to every step's environment (e.g. INTEROP_RUNNER).
    let environment: [String: String]

    /// Runs every step in order; a failing step ends the job, as on GitHub, except for `always()` steps.
    func run() throws -> Outcome {
        guard let runs = action.document["runs"] as? [String: Any], runs["using"] as? String == "composite",
            let steps = runs["steps"] as? [[String: Any]]
        else { throw TemplateError("\(action.path) is not a composite action") }
        var declared: [String: String] = [:]
        for (name, spec) in (action.document["inputs"] as? [String: Any]) ?? [:] {
            declared[name] = ((spec as? [String: Any])?["default"]).map { "\($0)" } ?? ""
        }
        for name in inputs.keys where declared[name] == nil { throw TemplateError("no input \(name)") }
        let values = declared.merging(inputs) { _, given in given }
        let files = workspace + "/.github-files"
        try FileManager.default.createDirectory(atPath: files, withIntermediateDirectories: true)
        let summary = files + "/step-summary.md"
        let envFile = files + "/env"
        FileManager.default.createFile(atPath: summary, contents: nil)
        FileManager.default.createFile(atPath: envFile, contents: nil)
        var outputs: [String: [String: String]] = [:]
        var results: [StepRun] = []
        var uploads: [[String: String]] = []
        var failed = false
        for (index, step) in steps.enumerated() {
            let context = Context(inputs: values, outputs: outputs)
            let condition = (step["if"] as? String).map { "\($0)" } ?? "success()"
            guard try context.condition(condition, failed: failed) else { continue }
            if let uses = step["uses"] as? String {
                var with: [String: String] = ["uses": uses]
                for (key, value) in (step["with"] as? [String: Any]) ?? [:] {
                    with[key] = try context.interpolate("\(value)")
                }
                uploads.append(with)
                continue
            }
            guard let script = step["run"] as? String else { throw TemplateError("step \(index) has no run") }
            let outputFile = files + "/output-\(index)"
            FileManager.default.createFile(atPath: outputFile, contents: nil)
            var env = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
            for (key, value) in try parseFile(envFile) { env[key] = value }
            env["GITHUB_ACTIONS"] = "true"
            env["CI"] = "true"
            env["GITHUB_WORKSPACE"] = workspace
            env["GITHUB_ACTION_PATH"] = EndToEnd.repository + "/ci/github"
            env["GITHUB_OUTPUT"] = outputFile
            env["GITHUB_ENV"] = envFile
            env["GITHUB_STEP_SUMMARY"] = summary
            env["RUNNER_TEMP"] = files
            for (key, value) in (step["env"] as? [String: Any]) ?? [:] {
                env[key] = try context.interpolate("\(value)")
            }
            let scriptFile = files + "/step-\(index).sh"
            try script.write(toFile: scriptFile, atomically: true, encoding: .utf8)
            let ending = try execute(
                ["/bin/bash", "--noprofile", "--norc", "-eo", "pipefail", scriptFile], label: "step-\(index)",
                folder: files, environment: env)
            let stepOutputs = try parseFile(outputFile)
            if let id = step["id"] as? String { outputs[id] = stepOutputs }
            results.append(
                StepRun(
                    name: step["name"] as? String ?? "step \(index)", status: ending.status, stdout: ending.stdout,
                    stderr: ending.stderr, outputs: stepOutputs))
            if ending.status != 0 { failed = true }
        }
        let context = Context(inputs: values, outputs: outputs)
        var actionOutputs: [String: String] = [:]
        for (name, spec) in (action.document["outputs"] as? [String: Any]) ?? [:] {
            actionOutputs[name] = try context.interpolate("\((spec as? [String: Any])?["value"] ?? "")")
        }
        return Outcome(
            steps: results, uploads: uploads, summary: (try? String(contentsOfFile: summary, encoding: .utf8)) ?? "",
            outputs: actionOutputs)
    }

    /// Runs `arguments` in the workspace to its end, its output in files of `folder` (no pipe can fill up).
    func execute(_ arguments: [String], label: String, folder: String, environment: [String: String]) throws
        -> (status: Int32, stdout: String, stderr: String)
    {
        let stdout = folder + "/\(label).stdout"
        let stderr = folder + "/\(label).stderr"
        FileManager.default.createFile(atPath: stdout, contents: nil)
        FileManager.default.createFile(atPath: stderr, contents: nil)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: arguments[0])
        process.arguments = Array(arguments.dropFirst())
        process.environment = environment
        process.currentDirectoryURL = URL(fileURLWithPath: workspace)
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: stdout))
        process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: stderr))
        try process.run()
        process.waitUntilExit()
        return (
            process.terminationStatus, try String(contentsOfFile: stdout, encoding: .utf8),
            try String(contentsOfFile: stderr, encoding: .utf8)
        )
    }

    /// `NAME=value` lines and GitHub's `NAME<<DELIMITER` blocks.
    func parseFile(_ path: String) throws -> [String: String] {
        let lines = try String(contentsOfFile: path, encoding: .utf8).split(
            separator: "\n", omittingEmptySubsequences: false)
        var values: [String: String] = [:]
        var index = 0
        while index < lines.count {
            let line = lines[index]
            if let range = line.range(of: "<<") {
                let name = String(line[..<range.lowerBound])
                let delimiter = String(line[range.upperBound...])
                var body: [Substring] = []
                index += 1
                while index < lines.count, lines[index] != delimiter {
                    body.append(lines[index])
                    index += 1
                }
                values[name] = body.joined(separator: "\n")
            } else if let equals = line.firstIndex(of: "=") {
                values[String(line[..<equals])] = String(line[line.index(after: equals)...])
            }
            index += 1
        }
        return values
    }

    /// The expressions of the action, evaluated.
    struct Context {
        let inputs: [String: String]
        let outputs: [String: [String: String]]

        /// `text` with every `${{ … }}` replaced by its value.
        func interpolate(_ text: String) throws -> String {
            var out = ""
            var rest = Substring(text)
            while let open = rest.range(of: "${{") {
                out += rest[..<open.lowerBound]
                guard let close = rest[open.upperBound...].range(of: "}}") else {
                    throw TemplateError("unclosed expression in \(text)")
                }
                out += try value(rest[open.upperBound..<close.lowerBound].trimmingCharacters(in: .whitespaces))
                rest = rest[close.upperBound...]
            }
            return out + rest
        }

        /// The value of `inputs.X`, `steps.ID.outputs.X` or a quoted string.
        func value(_ expression: String) throws -> String {
            let parts = expression.split(separator: ".").map(String.init)
            if parts.count == 2, parts[0] == "inputs" { return inputs[parts[1]] ?? "" }
            if parts.count == 4, parts[0] == "steps", parts[2] == "outputs" {
                return outputs[parts[1]]?[parts[3]] ?? ""
            }
            if expression.hasPrefix("'"), expression.hasSuffix("'") { return String(expression.dropFirst().dropLast()) }
            throw TemplateError("the harness does not understand the expression \(expression)")
        }

        /// An `if:` condition: `always()`, `success()`, `A == B`, `A != B`, joined with `&&`.
        func condition(_ text: String, failed: Bool) throws -> Bool {
            let expression = text.replacingOccurrences(of: "${{", with: "").replacingOccurrences(of: "}}", with: "")
            var result = true
            var always = false
            for term in expression.components(separatedBy: "&&").map({ $0.trimmingCharacters(in: .whitespaces) }) {
                if term == "always()" {
                    always = true
                } else if term == "success()" {
                    result = result && !failed
                } else if let range = term.range(of: "==") ?? term.range(of: "!=") {
                    let left = try value(term[..<range.lowerBound].trimmingCharacters(in: .whitespaces))
                    let right = try value(term[range.upperBound...].trimmingCharacters(in: .whitespaces))
                    result = result && ((term[range] == "==") == (left == right))
                } else {
                    throw TemplateError("the harness does not understand the condition \(term)")
                }
            }
            return result && (always || !failed)
        }
    }
}
