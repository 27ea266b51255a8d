public import Results

// libxml2's headers clash with Foundation's ICU in one file; FoundationEssentials has all this file needs.
#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// JUnit XML (the Surefire/Jenkins `junit-10.xsd` dialect) written with libxml2.
///
/// `<testsuites>` holds one `<testsuite>` per protocol, server and client, named and classnamed
/// `<protocol>.<server>_<client>`; each test case is one `<testcase>` named by its stable name. A measurement is one
/// `<testcase>` too (its name, the repetitions' summed time, the summary's verdict), with its mean, spread, unit and
/// every repetition's value as `[[PROPERTY|…]]` lines and as suite properties, so a re-run never shows up as a
/// renamed test. `failed` → `<failure>`, `timeout` and `error` → `<error>`, `unsupported` and not run → `<skipped>`.
/// A failure or error carries the failure detail (reason, seed, rerun command, the endpoints' last lines) as its
/// text, and the job's logs and captures as `[[ATTACHMENT|…]]` lines in `<system-out>`; the earlier runs of a retried
/// job as Maven Surefire writes reruns (`<flakyFailure>`, `<rerunFailure>`, …).
public enum JUnitReport {
    /// The most a test case's `<system-out>` may hold, in UTF-8 bytes.
    public static let outputLimit = 64 * 1024
    /// The most a `message` attribute may hold (its first line), in UTF-8 bytes.
    static let messageLimit = 1024

    /// The document's bytes. `logBase` is the path from where the report is read to the log root (`""` when the
    /// report sits in it); attachments point at `logBase + JobID.logPath`. A policy in `context` turns a known
    /// failure into `<skipped type="known-failure">` (it does not fail the run) and marks required cells.
    public static func render(
        _ run: RunResult, logBase: String = "", context: ReportContext = .none
    ) throws(ReportError) -> [UInt8] {
        let index = RunIndex(run)
        let writer = try XMLTextWriter()
        let suites = index.pairs.map { suite(index, client: $0.client, server: $0.server, context: context) }
        let cases = suites.flatMap(\.cases)
        try writer.startElement("testsuites")
        try writer.attribute("name", "interop-runner \(run.protocolKind.rawValue)")
        try writer.attribute("time", PythonFloat.fixed(max(0, run.end.timeIntervalSince(run.start)), decimals: 3))
        try writer.attribute("tests", String(cases.count))
        try writer.attribute("failures", String(cases.count { $0.outcome == .failure }))
        try writer.attribute("errors", String(cases.count { $0.outcome == .error }))
        for suite in suites {
            try write(suite, run: run, logBase: logBase, to: writer)
        }
        try writer.endElement()
        return try writer.finish()
    }

    /// One test case's verdict as JUnit sees it.
    private struct Case {
        var name: String
        var status: JobStatus?
        var reason: String?
        var duration: Double
        var logPath: String
        var properties: [(String, String)] = []
        /// Why the job did not succeed, with the endpoints' last words.
        var failure: FailureDetail?
        /// `required` or `known-failure`, from the policy.
        var mark: String?
        var knownFailure: KnownFailure?
        /// The earlier runs of a retried job.
        var attempts: [JobAttempt] = []

        /// The element the case gets: a known failure (not required) is skipped, as it does not fail the run.
        var outcome: Outcome {
            switch status {
            case .failed?, .notCompliant?, .timeout?:
                if mark == "known-failure" { return .skipped }
                return status == .timeout ? .error : .failure
            case .error?: return .error
            case .unsupported?, nil: return .skipped
            case .succeeded?: return .passed
            }
        }
    }

    /// JUnit's four outcomes of a test case.
    private enum Outcome {
        case passed, failure, error, skipped
    }

    /// One server and client's test cases and the suite's properties.
    private struct Suite {
        var name: String
        var cases: [Case]
        var properties: [(String, String)]
    }

    private static func suite(_ index: RunIndex, client ci: Int, server sj: Int, context: ReportContext) -> Suite {
        let run = index.run
        let server = run.servers[sj]
        let client = run.clients[ci]
        let suiteName = "\(run.protocolKind.rawValue).\(server)_\(client)"
        var cases: [Case] = []
        var suiteProperties: [(String, String)] = [
            ("protocol", run.protocolKind.rawValue), ("server", server), ("client", client),
        ]
        for (role, name) in [("server", server), ("client", client)] {
            let entry = run.implementations[name]
            if let image = entry?.image { suiteProperties.append(("\(role).image", image)) }
            if let command = entry?.command { suiteProperties.append(("\(role).command", command)) }
            if let version = entry?.version { suiteProperties.append(("\(role).version", version)) }
            if let program = run.programs[name] {
                suiteProperties.append(("\(role).runtime", program.runtime.rawValue))
                if let id = program.imageID { suiteProperties.append(("\(role).image.id", id)) }
            }
        }
        suiteProperties.append(("runner.version", run.runnerVersion))
        suiteProperties.append(("seed", String(run.seed)))
        func applyPolicy(_ entry: inout Case) {
            entry.mark = context.mark(server: server, client: client, test: entry.name)
            entry.knownFailure = context.policy?.knownFailure(server: server, client: client, test: entry.name)
        }
        for (ti, test) in run.tests.enumerated() {
            let job = index.test(client: ci, server: sj, test: ti)
            var entry = Case(
                name: test.name, status: job?.status, reason: job?.reason, duration: job?.duration ?? 0,
                logPath: JobID(server: server, client: client, test: test.name).logPath,
                failure: job.flatMap { FailureDetail($0, in: run) }, attempts: job?.attempts ?? [])
            applyPolicy(&entry)
            cases.append(entry)
        }
        for (mi, measurement) in run.measurements.enumerated() {
            let repetitions = index.repetitions(client: ci, server: sj, measurement: mi)
            var entry = Case(
                name: measurement.name, status: nil, reason: nil,
                duration: repetitions.reduce(0) { $0 + $1.duration },
                logPath: JobID(server: server, client: client, test: measurement.name).logPath
            )
            if let summary = index.summary(client: ci, server: sj, measurement: mi) {
                entry.status = summary.status
                if let first = repetitions.first(where: { $0.status != .succeeded }) {
                    entry.reason = "repetition \(first.id.repetition ?? 0): \(first.reason ?? first.status.rawValue)"
                    entry.failure = FailureDetail(first, in: run)
                }
                entry.properties = measurementProperties(measurement, summary, repetitions)
                suiteProperties += entry.properties
            }
            applyPolicy(&entry)
            cases.append(entry)
        }
        return Suite(name: suiteName, cases: cases, properties: suiteProperties)
    }

    private static func write(
        _ suite: Suite, run: RunResult, logBase: String, to writer: XMLTextWriter
    ) throws(ReportError) {
        let cases = suite.cases
        try writer.startElement("testsuite")
        try writer.attribute("name", clean(suite.name))
        try writer.attribute("tests", String(cases.count))
        try writer.attribute("failures", String(cases.count { $0.outcome == .failure }))
        try writer.attribute("errors", String(cases.count { $0.outcome == .error }))
        try writer.attribute("skipped", String(cases.count { $0.outcome == .skipped }))
        try writer.attribute("time", PythonFloat.fixed(cases.reduce(0) { $0 + $1.duration }, decimals: 3))
        try writer.attribute("timestamp", UTCTimestamp.iso8601(run.start))
        try writer.startElement("properties")
        for (name, value) in suite.properties {
            try writer.startElement("property")
            try writer.attribute("name", clean(name))
            try writer.attribute("value", clean(value))
            try writer.endElement()
        }
        try writer.endElement()
        let notRun = run.incompleteReason.map { "not run: \($0)" } ?? "not run"
        for entry in cases {
            try writeCase(entry, classname: suite.name, logBase: logBase, notRun: notRun, to: writer)
        }
        try writer.endElement()
    }

    private static func measurementProperties(
        _ measurement: TestDescriptor,
        _ summary: MeasurementSummary,
        _ repetitions: [JobResult]
    ) -> [(String, String)] {
        let name = measurement.name
        var properties = [
            ("\(name).status", summary.status.rawValue), ("\(name).mean", PythonFloat.repr(summary.mean)),
            ("\(name).stddev", PythonFloat.repr(summary.standardDeviation)), ("\(name).unit", summary.unit),
            ("\(name).repetitions", String(repetitions.count)),
        ]
        for repetition in repetitions {
            if let value = repetition.value {
                properties.append(("\(name).\(repetition.id.repetition ?? 0)", PythonFloat.repr(value)))
            }
        }
        return properties
    }

    /// One `<testcase>`. A retried job follows Maven Surefire's `rerunFailingTestsCount` report: a job that succeeded
    /// on a retry has no failure, a `<flakyFailure>` or `<flakyError>` per earlier run; one that never succeeded has
    /// its verdict's element and a `<rerunFailure>` or `<rerunError>` per earlier run. Each of those holds the run's
    /// reason (`<stackTrace>`) and its facts and log folder (`<system-out>`).
    private static func writeCase(
        _ entry: Case,
        classname: String,
        logBase: String,
        notRun: String,
        to writer: XMLTextWriter
    ) throws(ReportError) {
        try writer.startElement("testcase")
        try writer.attribute("name", clean(entry.name))
        try writer.attribute("classname", clean(classname))
        try writer.attribute("time", PythonFloat.fixed(entry.duration, decimals: 3))
        let reason = entry.reason.map(clean)
        let message = TextSanitizer.firstLine(reason ?? entry.status?.rawValue ?? notRun, maxBytes: messageLimit)
        // The failure detail is the element's text: what a CI page shows when the test case is opened.
        let detail = entry.failure.map { TextSanitizer.capped($0.text, maxBytes: outputLimit) }
        switch entry.outcome {
        case .failure, .error:
            try writer.startElement(entry.outcome == .failure ? "failure" : "error")
            try writer.attribute("message", message)
            try writer.attribute("type", entry.status?.rawValue ?? "failed")
            if let detail { try writer.text(detail) }
            try writer.endElement()
        case .skipped:
            try writer.startElement("skipped")
            if let known = entry.knownFailure, entry.status?.isFailure == true {
                try writer.attribute("type", "known-failure")
                let status = entry.status?.rawValue ?? "failed"
                try writer.attribute(
                    "message",
                    TextSanitizer.firstLine("known failure (\(status)): \(clean(known.reason))", maxBytes: messageLimit)
                )
                if let detail { try writer.text(detail) }
            } else {
                try writer.attribute(
                    "message", entry.status == nil ? TextSanitizer.firstLine(notRun, maxBytes: messageLimit) : message)
            }
            try writer.endElement()
        case .passed:
            break
        }
        let prefix = entry.status == .succeeded ? "flaky" : "rerun"
        for attempt in entry.attempts {
            try writeRerun(
                prefix + (attempt.status == .failed ? "Failure" : "Error"), attempt, entry: entry, logBase: logBase,
                to: writer)
        }
        var output: [String] = []
        if let status = entry.status {
            output.append("status: \(status.rawValue)")
            if let reason { output.append("reason: \(reason)") }
            output.append("duration: \(PythonFloat.fixed(entry.duration, decimals: 3)) s")
            if !entry.attempts.isEmpty {
                output.append(
                    "runs: \(entry.attempts.count + 1)\(status == .succeeded ? " (flaky: succeeded when run again)" : "")"
                )
            }
            if let failure = entry.failure {
                output.append(clean(failure.seedLine))
                output.append("rerun: \(clean(failure.rerun))")
            }
            if status != .succeeded, status != .unsupported {
                output.append("[[ATTACHMENT|\(clean(logBase + entry.logPath))]]")
                for file in entry.failure?.files ?? [] { output.append("[[ATTACHMENT|\(clean(logBase + file))]]") }
            }
        }
        if let mark = entry.mark {
            output.append("[[PROPERTY|policy=\(mark)]]")
            if let known = entry.knownFailure {
                output.append("[[PROPERTY|known-failure.reason=\(oneLine(known.reason))]]")
                if let link = known.link { output.append("[[PROPERTY|known-failure.link=\(oneLine(link))]]") }
            }
        }
        for (name, value) in entry.properties {
            output.append("[[PROPERTY|\(clean(name))=\(clean(value))]]")
        }
        if !output.isEmpty {
            try writer.startElement("system-out")
            try writer.text(TextSanitizer.capped(output.joined(separator: "\n"), maxBytes: outputLimit))
            try writer.endElement()
        }
        try writer.endElement()
    }

    /// One earlier run as Surefire's `flakyFailure`/`flakyError`/`rerunFailure`/`rerunError` element.
    private static func writeRerun(
        _ element: String, _ attempt: JobAttempt, entry: Case, logBase: String, to writer: XMLTextWriter
    ) throws(ReportError) {
        let reason = attempt.reason.map(clean) ?? attempt.status.rawValue
        try writer.startElement(element)
        try writer.attribute("message", TextSanitizer.firstLine(reason, maxBytes: messageLimit))
        try writer.attribute("type", attempt.status.rawValue)
        try writer.startElement("stackTrace")
        try writer.text(TextSanitizer.capped(reason, maxBytes: outputLimit))
        try writer.endElement()
        try writer.startElement("system-out")
        let lines = [
            "run \(attempt.number): \(attempt.status.rawValue)",
            "duration: \(PythonFloat.fixed(attempt.duration, decimals: 3)) s",
            "seed: \(attempt.seed.map(String.init) ?? "none")",
            "[[ATTACHMENT|\(clean(logBase + entry.logPath + "/" + JobAttempt.folderName(attempt.number)))]]",
        ]
        try writer.text(TextSanitizer.capped(lines.joined(separator: "\n"), maxBytes: outputLimit))
        try writer.endElement()
        try writer.endElement()
    }

    private static func clean(_ text: String) -> String { TextSanitizer.clean(text) }

    /// Cleaned, on one line: a `[[PROPERTY|…]]` value ends at its line.
    private static func oneLine(_ text: String) -> String {
        clean(text).split(separator: "\n", omittingEmptySubsequences: false).joined(separator: " ")
    }
}
