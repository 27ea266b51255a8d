import Foundation
import Results
import Testing

@testable import Reporters

/// The baseline diff, the policy outcomes and the gate: golden files for what a pull request shows, and the exit
/// code of every `--fail-on` mode.
@Suite struct GatingTests {
    /// The sample run as a baseline, and a later run in which cells were fixed, broke, became flaky, changed, and a
    /// test and an implementation came and went.
    static var pair: (baseline: RunResult, current: RunResult) {
        let baseline = Fixtures.sample
        var current = Fixtures.sample
        current.start = baseline.start.addingTimeInterval(86_400)
        func set(_ server: String, _ client: String, _ test: String, _ status: JobStatus, _ reason: String? = nil) {
            for index in current.jobs.indices
            where current.jobs[index].id == JobID(server: server, client: client, test: test) {
                current.jobs[index].status = status
                current.jobs[index].observedStatus = status
                current.jobs[index].reason = reason
            }
        }
        set("quic-go", "lsquic", "transfer", .succeeded)
        set("quic-go", "quic-go", "handshake", .failed, "handshake did not complete | `quoted`")
        set("ngtcp2", "lsquic", "retry", .unsupported)
        // A retry: the journal holds a failing record, then a succeeding one.
        if var first = current.jobs.first(where: {
            $0.id == JobID(server: "ngtcp2", client: "lsquic", test: "transfer")
        }) {
            first.status = .failed
            first.observedStatus = .failed
            current.jobs.insert(first, at: 0)
        }
        // v2 is new; resumption is gone.
        let v2 = TestDescriptor(name: "v2", abbreviation: "V2", description: "QUIC version 2.", isMeasurement: false)
        current.tests = current.tests.filter { $0.name != "resumption" } + [v2]
        current.jobs.removeAll { $0.id.test == "resumption" }
        for server in current.servers {
            for client in current.clients {
                current.jobs.append(
                    JobResult(
                        id: JobID(server: server, client: client, test: "v2"),
                        status: server == "ngtcp2" ? .failed : .succeeded,
                        reason: server == "ngtcp2" ? "no version negotiation" : nil, start: current.start, duration: 1))
            }
        }
        return (baseline, current)
    }

    static let policy = Policy(
        source: "policy.yml",
        required: [
            CellPattern(server: "quic-go", client: "*", test: "handshake", origin: "policy.yml:2: required[0]"),
            CellPattern(server: "ngtcp2", client: "lsquic", test: "transfer", origin: "policy.yml:3: required[1]"),
        ],
        knownFailures: [
            KnownFailure(
                cells: CellPattern(server: "ngtcp2", test: "v2", origin: "policy.yml:5: known-failures[0]"),
                reason: "ngtcp2's interop image has no v2", link: "https://github.com/ngtcp2/ngtcp2/issues/1"),
            KnownFailure(
                cells: CellPattern(server: "quinn", origin: "policy.yml:8: known-failures[1]"),
                reason: "not in this run"),
        ])

    @Test func diffTableGolden() {
        let (baseline, current) = Self.pair
        let diff = BaselineDiff(baseline: baseline, current: current, policy: Self.policy)
        Snapshot.check(diff.markdown(), named: "diff.md")
    }

    @Test func reportsShowTheDiffAndThePolicy() throws {
        let (baseline, current) = Self.pair
        let context = ReportContext(current, baseline: baseline, policy: Self.policy)
        let html = HTMLReport.render(current, context: context)
        #expect(html.contains("<section id=\"diff-section\"><h2>Compared with the baseline</h2>"))
        #expect(
            html.contains("class=\"job s-failed p-required\"")
                && html.contains("class=\"job s-failed p-known-failure\""))
        let junit = String(decoding: try JUnitReport.render(current, context: context), as: UTF8.self)
        #expect(
            junit.contains(
                "<skipped type=\"known-failure\" message=\"known failure (failed): ngtcp2's interop image has no v2\">")
        )
        #expect(junit.contains("[[PROPERTY|policy=required]]"))
        let summary = MarkdownSummary.render(current, context: context)
        #expect(summary.contains("### Compared with the baseline") && summary.contains("### Policy"))
        #expect(
            summary.contains(
                "(known failure: ngtcp2's interop image has no v2, <https://github.com/ngtcp2/ngtcp2/issues/1>)"))
        let annotations = GitHubActions.annotations(current, context: context)
        #expect(annotations.contains { $0.hasPrefix("::warning title=v2 failed%3A ngtcp2 × quic-go::") })
    }

    @Test func diffClassifiesEveryKindOfChange() {
        let (baseline, current) = Self.pair
        let diff = BaselineDiff(baseline: baseline, current: current)
        func change(_ server: String, _ client: String, _ test: String) -> CellChange? {
            diff.entries.first { $0.server == server && $0.client == client && $0.test.name == test }?.change
        }
        #expect(change("quic-go", "quic-go", "handshake") == .newFailure)
        #expect(change("quic-go", "lsquic", "transfer") == .fixed)
        #expect(change("quic-go", "lsquic", "retry") == .stillFailing)
        #expect(change("ngtcp2", "lsquic", "transfer") == .flaky)
        #expect(change("ngtcp2", "lsquic", "retry") == .changed)
        #expect(change("ngtcp2", "quic-go", "v2") == .added)
        #expect(change("ngtcp2", "quic-go", "resumption") == .removed)
        #expect(change("quic-go", "quic-go", "transfer") == nil)
        #expect(diff.addedTests == ["v2"] && diff.removedTests == ["resumption"])
        #expect(diff.entries.first?.change == .newFailure)
        #expect(diff.regressions.count == 1)
        // Added cells that fail are not regressions: nothing was there to regress from.
        #expect(!diff.regressions.contains { $0.test.name == "v2" })
        let same = BaselineDiff(baseline: baseline, current: baseline)
        #expect(same.isUnchanged && same.markdown().contains("No cell changed."))
    }

    @Test func diffStaysUnderTheCommentLimit() {
        let baseline = Fixtures.sample
        var current = baseline
        var failures: [JobResult] = []
        for server in 0..<40 {
            for client in 0..<40 {
                failures.append(
                    JobResult(
                        id: JobID(server: "s\(server)", client: "c\(client)", test: "handshake"), status: .failed,
                        reason: String(repeating: "x", count: 80), start: baseline.start, duration: 1))
            }
        }
        current.servers += (0..<40).map { "s\($0)" }
        current.clients += (0..<40).map { "c\($0)" }
        for name in current.servers + current.clients where current.implementations[name] == nil {
            current.implementations[name] = Implementation(name: name, url: "", role: .both)
        }
        current.jobs += failures
        let markdown = BaselineDiff(baseline: baseline, current: current).markdown()
        #expect(markdown.utf8.count < BaselineDiff.commentLimit)
        #expect(markdown.contains("> **Truncated:**"))
    }

    @Test func policyOutcomesGolden() {
        let (_, current) = Self.pair
        let outcome = PolicyOutcome(current, policy: Self.policy)
        var text = outcome.markdownLines().joined(separator: "\n") + "\n\n"
        for failOn in FailOn.allCases {
            let diff = BaselineDiff(baseline: Self.pair.baseline, current: current, policy: Self.policy)
            let verdict = Gate.judge(current, failOn: failOn, diff: diff, policy: Self.policy)
            text += "--fail-on \(failOn.rawValue): \(verdict.outcome)\n" + verdict.lines.joined(separator: "\n") + "\n"
        }
        Snapshot.check(text, named: "policy.md")
        #expect(outcome.unmatched == ["policy.yml:8: known-failures[1] (server quinn, client *, test *)"])
        #expect(outcome.requiredNotMet.map(\.cell.key.test) == ["handshake"])
    }

    /// One run of each kind the gate tells apart.
    enum Scenario: String, CaseIterable {
        case allPassed, newFailure, oldFailure, knownFailure, requiredUnsupported, runnerErrorOnly
    }

    static func run(_ scenario: Scenario) -> (current: RunResult, baseline: RunResult, policy: Policy?) {
        let start = Fixtures.start
        func result(_ statuses: [String: JobStatus]) -> RunResult {
            RunResult(
                protocolKind: .quic, runnerVersion: "t", start: start, end: start, seed: 1, logDir: "logs",
                servers: ["a"], clients: ["b"],
                implementations: [
                    "a": Implementation(name: "a", url: "", role: .both),
                    "b": Implementation(name: "b", url: "", role: .both),
                ],
                tests: Fixtures.tests.prefix(2).map { $0 }, measurements: [],
                jobs: statuses.sorted { $0.key < $1.key }.map {
                    JobResult(
                        id: JobID(server: "a", client: "b", test: $0.key), status: $0.value, start: start, duration: 1)
                })
        }
        let passing = result(["handshake": .succeeded, "transfer": .succeeded])
        let known = Policy(
            source: "p", knownFailures: [KnownFailure(cells: CellPattern(test: "transfer"), reason: "known")])
        switch scenario {
        case .allPassed: return (passing, passing, nil)
        case .newFailure: return (result(["handshake": .succeeded, "transfer": .failed]), passing, nil)
        case .oldFailure:
            let failing = result(["handshake": .succeeded, "transfer": .timeout])
            return (failing, failing, nil)
        case .knownFailure: return (result(["handshake": .succeeded, "transfer": .failed]), passing, known)
        case .requiredUnsupported:
            return (
                result(["handshake": .unsupported, "transfer": .succeeded]), passing,
                Policy(source: "p", required: [CellPattern(test: "handshake")])
            )
        case .runnerErrorOnly: return (result(["handshake": .succeeded, "transfer": .error]), passing, nil)
        }
    }

    /// The exit-code matrix of `--fail-on`: 0 passed, 1 failed, 2 runner error.
    static let expected: [Scenario: [FailOn: Gate.Outcome]] = [
        .allPassed: [.failures: .passed, .regressions: .passed, .never: .passed],
        .newFailure: [.failures: .failed, .regressions: .failed, .never: .passed],
        .oldFailure: [.failures: .failed, .regressions: .passed, .never: .passed],
        .knownFailure: [.failures: .passed, .regressions: .passed, .never: .passed],
        .requiredUnsupported: [.failures: .failed, .regressions: .failed, .never: .passed],
        .runnerErrorOnly: [.failures: .errored, .regressions: .errored, .never: .passed],
    ]

    @Test(arguments: Scenario.allCases, FailOn.allCases)
    func exitCodeMatrix(scenario: Scenario, failOn: FailOn) {
        let (current, baseline, policy) = Self.run(scenario)
        let diff = BaselineDiff(baseline: baseline, current: current, policy: policy)
        let verdict = Gate.judge(current, failOn: failOn, diff: diff, policy: policy)
        #expect(verdict.outcome == Self.expected[scenario]?[failOn], "\(verdict.lines)")
        #expect(!verdict.lines.isEmpty)
    }

    @Test func policySuggestionKeepsCellsThatSucceededEverywhere() {
        let (baseline, current) = Self.pair
        let cells = PolicySuggestion.requiredCells([baseline, current])
        #expect(cells.contains(MatrixCell.Key(server: "quic-go", client: "quic-go", test: "transfer")))
        #expect(!cells.contains(MatrixCell.Key(server: "quic-go", client: "quic-go", test: "handshake")))
        #expect(!cells.contains(MatrixCell.Key(server: "ngtcp2", client: "lsquic", test: "resumption")))
        let yaml = PolicySuggestion.yaml(cells, sources: ["runs/1", "runs/2"])
        #expect(yaml.contains("  - {server: \"quic-go\", client: \"quic-go\", test: \"transfer\"}\n"))
        #expect(yaml.hasPrefix("# Cells that succeeded in all 2 runs: runs/1, runs/2."))
    }

    @Test func rerunCommandReplaysTheJob() {
        var run = Fixtures.sample
        let id = JobID(server: "quic-go", client: "lsquic", test: "transfer")
        #expect(RerunCommand.line(for: id, in: run) == "interop-runner -s quic-go -c lsquic -t transfer --seed 42")
        run.protocolKind = .webtransport
        run.programs = ["quic-go": .image("my/quic-go:dev", id: "sha256:1"), "lsquic": .command("/x/run_endpoint")]
        #expect(
            RerunCommand.line(for: id, in: run)
                == "interop-runner -p webtransport -s quic-go -c lsquic -t transfer --seed 42 --runtime auto -r quic-go=my/quic-go:dev"
        )
        #expect(RerunCommand.quoted("it's $(x)") == "'it'\\''s $(x)'")
    }
}
