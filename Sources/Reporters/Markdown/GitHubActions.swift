public import Foundation
public import Results

/// Publishes a run to GitHub Actions: the Markdown summary appended to `$GITHUB_STEP_SUMMARY` and at most ten
/// `::error` workflow commands, escaped as GitHub's toolkit does.
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
    @discardableResult
    public func publish(_ run: RunResult, summary: String, emit: (String) -> Void) throws(ReportError) -> [String] {
        guard isActive else { return [] }
        if let path = environment["GITHUB_STEP_SUMMARY"], !path.isEmpty {
            try append(summary, to: path)
        }
        let lines = Self.annotations(run)
        lines.forEach(emit)
        return lines
    }

    /// The `::error` lines for a run's failures: one per failure up to the limit; when there are more, the last
    /// line says how many were left out instead.
    public static func annotations(_ run: RunResult) -> [String] {
        let failures = MarkdownSummary.failures(RunIndex(run))
        let shown = failures.count > annotationLimit ? annotationLimit - 1 : failures.count
        var lines = failures.prefix(shown).map { failure in
            let title = "\(failure.test.name) \(failure.status.rawValue): \(failure.server) × \(failure.client)"
            var message = "\(failure.test.name) (\(failure.test.abbreviation)) \(failure.status.rawValue) with server "
            message += "\(failure.server) and client \(failure.client)"
            if let reason = failure.reason { message += "\n\(reason)" }
            return
                "::error title=\(escapeProperty(TextSanitizer.clean(title)))::\(escapeData(TextSanitizer.clean(message)))"
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
