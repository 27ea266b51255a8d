import Foundation
import Testing

/// The CI templates: each validated with check-jsonschema's vendored GitHub and GitLab schemas (offline), every
/// shell step linted by shellcheck, and the composite action's shell steps run with a fake GitHub environment and
/// the real runner.
@Suite(.serialized) struct TemplateTests {
    static let checkJSONSchema = EndToEnd.prefix + "/venv/bin/check-jsonschema"
    static let shellcheck = "/usr/bin/shellcheck"

    /// Each template and the vendored schema it must satisfy.
    static let templates: [(path: String, schema: String)] = [
        ("ci/github/action.yml", "vendor.github-actions"), ("ci/github/interop.yml", "vendor.github-workflows"),
        ("ci/github/interop-comment.yml", "vendor.github-workflows"), ("ci/gitlab/interop.yml", "vendor.gitlab-ci"),
    ]

    /// Runs check-jsonschema on `file` without network: in a new network namespace when root (nothing but
    /// loopback), so a schema it would download makes the check fail.
    private func validate(_ file: String, schema: String, folder: String) throws -> (status: Int32, output: String) {
        var arguments = [Self.checkJSONSchema, "--builtin-schema", schema]
        if schema == "vendor.gitlab-ci" { arguments += ["--data-transform", "gitlab-ci"] }
        arguments.append(file)
        if EndToEnd.isRoot { arguments = ["/usr/bin/unshare", "--net", "--"] + arguments }
        let harness = ActionHarness(
            action: try Template("ci/github/action.yml"), inputs: [:], workspace: folder, environment: [:])
        let ending = try harness.execute(
            arguments, label: "check-\(UInt32.random(in: 0...UInt32.max))", folder: folder,
            environment: ProcessInfo.processInfo.environment)
        return (ending.status, ending.stdout + ending.stderr)
    }

    @Test(.timeLimit(.minutes(2))) func templatesValidateAgainstTheVendoredSchemasOffline() throws {
        guard FileManager.default.fileExists(atPath: Self.checkJSONSchema) else {
            Issue.record("\(Self.checkJSONSchema) is missing: ci/packages/templates.pip installs check-jsonschema")
            return
        }
        let folder = try EndToEnd.temporaryFolder("schemas")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        for (path, schema) in Self.templates {
            let result = try validate(EndToEnd.repository + "/" + path, schema: schema, folder: folder)
            #expect(result.status == 0, "\(path): \(result.output)")
        }
        // The validator does reject: an action without `runs`, a GitLab job whose `parallel:matrix` is a string.
        let broken = folder + "/action.yml"
        try "name: x\ndescription: y\ninputs: {}\n".write(toFile: broken, atomically: true, encoding: .utf8)
        #expect(try validate(broken, schema: "vendor.github-actions", folder: folder).status != 0)
        let gitlab = folder + "/gitlab.yml"
        try "job:\n  script: [true]\n  parallel:\n    matrix: four\n".write(
            toFile: gitlab, atomically: true, encoding: .utf8)
        #expect(try validate(gitlab, schema: "vendor.gitlab-ci", folder: folder).status != 0)
    }

    @Test(.timeLimit(.minutes(2))) func everyShellStepPassesShellcheckAndUsesNoExpressions() throws {
        guard FileManager.default.fileExists(atPath: Self.shellcheck) else {
            Issue.record("\(Self.shellcheck) is missing: ci/packages/templates.apt installs shellcheck")
            return
        }
        let folder = try EndToEnd.temporaryFolder("shellcheck")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        var count = 0
        for (path, _) in Self.templates {
            for script in try Template(path).scripts {
                count += 1
                // An expression inside a script is pasted in before the shell parses it: a branch name or PR title
                // could inject commands. Values reach scripts through env: only.
                #expect(!script.text.contains("${{"), "\(path) \(script.location) interpolates an expression")
                let file = folder + "/script-\(count).sh"
                try ("#!/usr/bin/env \(script.shell)\n" + script.text).write(
                    toFile: file, atomically: true, encoding: .utf8)
                let harness = ActionHarness(
                    action: try Template("ci/github/action.yml"), inputs: [:], workspace: folder, environment: [:])
                let lint = try harness.execute(
                    [Self.shellcheck, "--shell=\(script.shell)", "--severity=style", file], label: "lint-\(count)",
                    folder: folder, environment: ProcessInfo.processInfo.environment)
                #expect(lint.status == 0, "\(path) \(script.location):\n\(lint.stdout)")
            }
        }
        #expect(count >= 8, "every template has its scripts found")
        // shellcheck does fail a bad script, so the checks above can fail.
        let bad = folder + "/bad.sh"
        try "#!/usr/bin/env bash\nrm -rf $1/\n".write(toFile: bad, atomically: true, encoding: .utf8)
        let harness = ActionHarness(
            action: try Template("ci/github/action.yml"), inputs: [:], workspace: folder, environment: [:])
        #expect(
            try harness.execute(
                [Self.shellcheck, bad], label: "bad", folder: folder, environment: ProcessInfo.processInfo.environment
            ).status != 0)
    }

    /// The action's shell steps, run as GitHub runs them, with the real runner on a small real matrix in which the
    /// corrupting server fails both tests: the step summary, the annotations, the outputs, the upload and the gate.
    /// A second run with the first one's result.json as baseline and `--fail-on regressions` passes the gate.
    @Test(.enabled(if: EndToEnd.canRunEndpoints), .timeLimit(.minutes(4)))
    func actionStepsRunWithAFakeGitHubEnvironment() throws {
        let matrix = try Matrix("action")
        defer { matrix.remove() }
        let spec = try matrix.spec(
            servers: ["quic-go", "corrupt-server"], clients: ["quic-go"], tests: ["handshake", "transfer"],
            output: matrix.output("unused"), jobs: 2)
        let action = try Template("ci/github/action.yml")
        func run(_ inputs: [String: String]) throws -> ActionHarness.Outcome {
            try ActionHarness(
                action: action, inputs: inputs, workspace: matrix.folder,
                environment: ["INTEROP_RUNNER": EndToEnd.runner]
            ).run()
        }
        let first = try run(["spec": spec, "setup": "false", "output-dir": "first", "artifact-name": "interop-first"])
        #expect(first.steps.map(\.name) == ["Run the interop matrix", "Gate"])
        let runStep = try #require(first.steps.first)
        #expect(runStep.status == 0, "\(runStep.stderr)")
        #expect(first.steps.last?.status == 1)
        #expect(first.outputs["exit-code"] == "1")
        #expect(first.outputs["failed"] == "2" && first.outputs["succeeded"] == "2", "\(first.outputs)")
        #expect(first.outputs["result-json"] == "first/result.json")
        #expect(FileManager.default.fileExists(atPath: matrix.folder + "/first/result.json"))
        #expect(first.uploads.count == 1)
        #expect(first.uploads.first?["uses"] == "actions/upload-artifact@v4")
        #expect(first.uploads.first?["name"] == "interop-first" && first.uploads.first?["path"] == "first")
        // The summary says why the transfer failed, with what the corrupting server printed and how to rerun it.
        #expect(first.summary.contains("### Problems (2)"), "\(first.summary)")
        #expect(first.summary.contains("corrupted "), "\(first.summary)")
        #expect(first.summary.contains("Rerun: `interop-runner -s corrupt-server -c quic-go -t transfer --seed 7"))
        // Workflow commands are off while the run prints, and on again for its own annotations only.
        let lines = runStep.stdout.split(separator: "\n").map(String.init)
        let stop = try #require(lines.firstIndex { $0.hasPrefix("::stop-commands::") })
        let token = String(lines[stop].dropFirst("::stop-commands::".count))
        let resume = try #require(lines.firstIndex(of: "::\(token)::"))
        let annotations = lines.indices.filter { lines[$0].hasPrefix("::error ") }
        #expect(annotations.count == 2 && annotations.allSatisfy { $0 > resume && resume > stop })

        let second = try run([
            "spec": spec, "setup": "false", "output-dir": "second", "artifact-name": "",
            "baseline": "first/result.json", "fail-on": "regressions",
        ])
        #expect(second.steps.last?.status == 0, "\(second.steps.map(\.stdout))")
        #expect(second.outputs["regressions"] == "0" && second.outputs["diff"] == "second/diff.md")
        #expect(second.uploads.isEmpty)
        let diff = try String(contentsOfFile: matrix.folder + "/second/diff.md", encoding: .utf8)
        #expect(diff.contains("2 still failing"), "\(diff)")
    }
}
