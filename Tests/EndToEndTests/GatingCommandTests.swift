import Foundation
import Testing

/// The built runner's `report`, `site` and `policy suggest` on saved results: exit codes, written files, and bad
/// input that writes nothing. No endpoints run, so these need no root.
@Suite struct GatingCommandTests {
    /// A result.json of a run in which `handshake` of server a and client b ended in `status`.
    private func result(_ handshake: String, in folder: String, name: String) throws -> String {
        let job = { (test: String, status: String) in
            """
            {"server": "a", "client": "b", "test": "\(test)", "repetition": null, "status": "\(status)", \
            "observed_status": "\(status)", "reason": \(status == "succeeded" ? "null" : "\"\(status) here\""), \
            "start": 1.0, "duration": 1.0, "value": null, "seed": 5, "log_path": "a_b/\(test)"}
            """
        }
        let upstream = ["succeeded": "\"succeeded\"", "failed": "\"failed\"", "timeout": "\"failed\"", "error": "null"]
        let text = """
            {"start_time": 1.0, "end_time": 2.0, "log_dir": "logs", "servers": ["a"], "clients": ["b"],
             "urls": {"a": "", "b": ""}, "tests": {"H": {"name": "handshake", "desc": ""}, "DC": {"name": "transfer", "desc": ""}},
             "quic_version": "0x1",
             "results": [[{"abbr": "H", "name": "handshake", "result": \(upstream[handshake] ?? "null")},
                          {"abbr": "DC", "name": "transfer", "result": "succeeded"}]],
             "measurements": [[]],
             "interop_runner": {"protocol": "quic", "runner_version": "t", "seed": 3,
              "implementations": {"a": {"name": "a", "image": null, "url": "", "role": "both", "command": "/a", "version": null},
                                  "b": {"name": "b", "image": null, "url": "", "role": "both", "command": "/b", "version": null}},
              "tests": [{"name": "handshake", "abbr": "H", "desc": "", "measurement": false, "unit": null},
                        {"name": "transfer", "abbr": "DC", "desc": "", "measurement": false, "unit": null}],
              "jobs": [\(job("handshake", handshake)), \(job("transfer", "succeeded"))]}}
            """
        let path = folder + "/" + name
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        try text.write(toFile: path + "/result.json", atomically: true, encoding: .utf8)
        return path
    }

    @Test(.timeLimit(.minutes(2))) func reportExitsAsFailOnSays() async throws {
        let folder = try EndToEnd.temporaryFolder("gate")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let passed = try result("succeeded", in: folder, name: "passed")
        let failed = try result("failed", in: folder, name: "failed")
        let errored = try result("error", in: folder, name: "errored")
        // (current, baseline, fail-on) → exit code.
        let cases: [(String, String?, String, Int32)] = [
            (passed, nil, "failures", 0), (failed, nil, "failures", 1), (failed, nil, "never", 0),
            (errored, nil, "failures", 2), (failed, passed, "regressions", 1), (failed, failed, "regressions", 0),
            (passed, failed, "regressions", 0), (errored, nil, "never", 0),
        ]
        for (current, baseline, failOn, expected) in cases {
            var arguments = ["report", "--from", current + "/result.json", "--fail-on", failOn]
            if let baseline { arguments += ["--baseline", baseline + "/result.json"] }
            let ending = try await RunnerProcess.run(arguments, folder: folder, environment: ["GITHUB_ACTIONS": ""])
            #expect(ending.status == expected, "\(arguments): \(ending.stdout) \(ending.stderr)")
            #expect(ending.stdout.contains("gate: "))
        }
        // With --output-dir and a baseline, diff.md is written beside the reports.
        let out = folder + "/reports"
        let ending = try await RunnerProcess.run(
            [
                "report", "--from", failed + "/result.json", "--baseline", passed + "/result.json", "--output-dir", out,
                "--fail-on", "regressions",
            ], folder: folder)
        #expect(ending.status == 1)
        let diff = try String(contentsOfFile: out + "/diff.md", encoding: .utf8)
        #expect(
            diff.contains("| ⚠️ new failure | a | b | `handshake` (H) | ✓ succeeded | ✕ failed | failed here |"),
            "\(diff)")
        #expect(
            try String(contentsOfFile: out + "/summary.md", encoding: .utf8).contains("### Compared with the baseline"))
    }

    @Test(.timeLimit(.minutes(2))) func badPolicyOrBaselineWritesNothing() async throws {
        let folder = try EndToEnd.temporaryFolder("badpolicy")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let run = try result("failed", in: folder, name: "run")
        let policy = folder + "/policy.yml"
        try "required:\n  - {server: aa, test: handshake}\nknown-failures:\n  - {test: transfer}\n".write(
            toFile: policy, atomically: true, encoding: .utf8)
        let out = folder + "/out"
        let ending = try await RunnerProcess.run(
            ["report", "--from", run + "/result.json", "--policy", policy, "--output-dir", out], folder: folder)
        #expect(ending.status == 2)
        #expect(
            ending.stderr.contains(
                "error: \(policy):2:14: at required[0].server: unknown implementation \"aa\"; did you mean \"a\"?"),
            "\(ending.stderr)")
        #expect(
            ending.stderr.contains("error: \(policy):4:5: at known-failures[0].reason: a known failure needs a reason"))
        #expect(!FileManager.default.fileExists(atPath: out))
        let missing = try await RunnerProcess.run(
            ["report", "--from", run + "/result.json", "--baseline", folder + "/none.json", "--output-dir", out],
            folder: folder)
        #expect(missing.status == 2 && missing.stderr.contains("none.json"), "\(missing.stderr)")
        #expect(!FileManager.default.fileExists(atPath: out))
        // A known failure turns the failure into a pass of the gate.
        try "known-failures:\n  - {server: a, test: handshake, reason: tracked}\n".write(
            toFile: policy, atomically: true, encoding: .utf8)
        let known = try await RunnerProcess.run(
            ["report", "--from", run + "/result.json", "--policy", policy], folder: folder)
        #expect(known.status == 0, "\(known.stdout)")
    }

    @Test(.timeLimit(.minutes(2))) func siteAndPolicySuggest() async throws {
        let folder = try EndToEnd.temporaryFolder("site")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let first = try result("succeeded", in: folder, name: "runs/1")
        let second = try result("failed", in: folder, name: "runs/2")
        try FileManager.default.createDirectory(atPath: second + "/logs", withIntermediateDirectories: true)
        let site = try await RunnerProcess.run(
            ["site", "--runs", first, second, "--output-dir", folder + "/public"], folder: folder)
        #expect(site.status == 0, "\(site.stderr)")
        let page = try String(contentsOfFile: folder + "/public/index.html", encoding: .utf8)
        #expect(page.contains("\"logs\": \"../runs/2/logs/\"") && page.contains("\"logs\": null"))
        let suggest = try await RunnerProcess.run(["policy", "suggest", "--runs", first, second], folder: folder)
        #expect(suggest.status == 0)
        #expect(suggest.stdout.contains("  - {server: \"a\", client: \"b\", test: \"transfer\"}\n"))
        #expect(!suggest.stdout.contains("test: \"handshake\""))
        let notAFolder = try await RunnerProcess.run(
            ["site", "--runs", folder + "/nothing", "--output-dir", folder + "/x"], folder: folder)
        #expect(notAFolder.status == 2 && !FileManager.default.fileExists(atPath: folder + "/x"))
    }
}
