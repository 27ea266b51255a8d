public import Foundation
public import Results

/// Publishes a run to GitHub Actions: the Markdown summary appended to `$GITHUB_STEP_SUMMARY`, step outputs
/// appended to `$GITHUB_OUTPUT`, and at most ten `::error` (or, for known failures, `::warning`) workflow commands,
/// escaped as GitHub's toolkit does.
///
/// Endpoint output and reasons are text from outside: before a run prints anything, `stopCommands` turns workflow
/// commands off (`::stop-commands::`), and `publish` turns them on again only for its own annotations.
///
/// The environment and the output are injected, so tests can run it without being inside a workflow.
public struct GitHubActions: Sendable {
    /// GitHub shows at most ten error annotations per step; more are dropped silently.
    public static let annotationLimit = 10

    /// The environment the variables are read from.
    public var environment: [String: String]

    /// Uses `environment`, by default the process's.
    public init(environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.environment = environment
    }

    /// Whether this process runs inside a GitHub Actions job (`GITHUB_ACTIONS=true`).
    public var isActive: Bool { environment["GITHUB_ACTIONS"] == "true" }

    /// When active, appends `summary` to `$GITHUB_STEP_SUMMARY` (if set) and writes the annotations through
    /// `emit`, one line each; otherwise does nothing. Returns the annotation lines it emitted.
    /// `resumeToken` is what `stopCommands` returned, when it was called: the annotations are emitted after it.
    @discardableResult
    public func publish(
        _ run: RunResult, summary: String, context: ReportContext = .none, outputs: [(String, String)] = [],
        resumeToken: String? = nil, emit: (String) -> Void
    ) throws(ReportError) -> [String] {
        guard isActive else { return [] }
        if let path = environment["GITHUB_STEP_SUMMARY"], !path.isEmpty {
            try append(summary, to: path)
        }
        if let path = environment["GITHUB_OUTPUT"], !path.isEmpty, !outputs.isEmpty {
            try append(Self.outputLines(outputs), to: path)
        }
        if let resumeToken { emit("::\(resumeToken)::") }
        let lines = Self.annotations(run, context: context)
        lines.forEach(emit)
        return lines
    }

    /// When active, emits `::stop-commands::TOKEN` (nothing printed after it is read as a workflow command until
    /// `::TOKEN::`) and returns the token, to be given to `publish`.
    public func stopCommands(emit: (String) -> Void) -> String? {
        guard isActive else { return nil }
        let token =
            "interop-runner-" + String(UInt64.random(in: 0...UInt64.max), radix: 16)
            + String(UInt64.random(in: 0...UInt64.max), radix: 16)
        emit("::stop-commands::\(token)")
        return token
    }

    /// `$GITHUB_OUTPUT` lines in GitHub's multi-line form (`name<<DELIMITER`, value, `DELIMITER`), so no value can
    /// end early or set another output.
    static func outputLines(_ outputs: [(String, String)]) -> String {
        var text = ""
        for (name, value) in outputs {
            let cleaned = TextSanitizer.clean(value)
            var delimiter = "INTEROP_RUNNER_EOF"
            while cleaned.contains(delimiter) { delimiter += "_" }
            text += "\(name)<<\(delimiter)\n\(cleaned)\n\(delimiter)\n"
        }
        return text
    }

    /// How many cells ended in each status, as step outputs (`succeeded`, `failed`, …, `not-run`).
    public static func counts(_ run: RunResult) -> [(String, String)] {
        let tally = RunIndex(run).tally
        return JobStatus.allCases.map { ($0.rawValue, String(tally[$0])) } + [("not-run", String(tally.notRun))]
    }

    /// The annotation lines for a run's failures: `::error` for each (a known failure of the policy is a
    /// `::warning`), with the reason and the rerun command, up to the limit; when there are more, the last line says
    /// how many were left out instead.
    public static func annotations(_ run: RunResult, context: ReportContext = .none) -> [String] {
        let failures = MarkdownSummary.failures(RunIndex(run))
        let shown = failures.count > annotationLimit ? annotationLimit - 1 : failures.count
        var lines = failures.prefix(shown).map { failure in
            let known = context.mark(server: failure.server, client: failure.client, test: failure.test.name)
            let title = "\(failure.test.name) \(failure.status.rawValue): \(failure.server) × \(failure.client)"
            var message = "\(failure.test.name) (\(failure.test.abbreviation)) \(failure.status.rawValue) with server "
            message += "\(failure.server) and client \(failure.client)"
            if known == "known-failure" { message += " (a known failure)" }
            if let reason = failure.reason { message += "\n\(reason)" }
            if let rerun = failure.detail?.rerun { message += "\nrerun: \(rerun)" }
            let command = known == "known-failure" ? "warning" : "error"
            return
                "::\(command) title=\(escapeProperty(TextSanitizer.clean(title)))::\(escapeData(TextSanitizer.clean(message)))"
        }
        if failures.count > shown {
            let message = "\(failures.count - shown) more failures; see the step summary or the HTML report"
            lines.append("::error title=\(escapeProperty("More interop failures"))::\(escapeData(message))")
        }
        return lines
    }

    /// GitHub's `escapeData`: `%`, `\r` and `\n` percent-encoded.
    public static func escapeData(_ text: String) -> String {
        var out = ""
        for character in text.unicodeScalars {
            switch character {
            case "%": out += "%25"
            case "\r": out += "%0D"
            case "\n": out += "%0A"
            default: out.unicodeScalars.append(character)
            }
        }
        return out
    }

    /// GitHub's `escapeProperty`: `escapeData` plus `:` and `,`.
    public static func escapeProperty(_ text: String) -> String {
        var out = ""
        for character in escapeData(text).unicodeScalars {
            switch character {
            case ":": out += "%3A"
            case ",": out += "%2C"
            default: out.unicodeScalars.append(character)
            }
        }
        return out
    }

    private func append(_ text: String, to path: String) throws(ReportError) {
        let url = URL(fileURLWithPath: path)
        do {
            if !FileManager.default.fileExists(atPath: path) {
                try Data().write(to: url)
            }
            let handle = try FileHandle(forWritingTo: url)
            defer { try? handle.close() }
            try handle.seekToEnd()
            try handle.write(contentsOf: Data(text.utf8))
        } catch {
            throw ReportError(.io, "cannot append the summary to GITHUB_STEP_SUMMARY (\(path)): \(error)")
        }
    }
}
