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
/// renamed test. `failed` → `<failure>`, `timeout` and `error` → `<error>`, `unsupported` and not run → `<skipped>`;
/// the earlier runs of a retried job as Maven Surefire writes reruns (`<flakyFailure>`, `<rerunFailure>`, …).
public enum JUnitReport {
    /// The most a test case's `<system-out>` may hold, in UTF-8 bytes.
    public static let outputLimit = 64 * 1024
    /// The most a `message` attribute may hold (its first line), in UTF-8 bytes.
    static let messageLimit = 1024

    /// The document's bytes. `logBase` is the path from where the report is read to the log root (`""` when the
    /// report sits in it); attachments point at `logBase + JobID.logPath`.
    public static func render(_ run: RunResult, logBase: String = "") throws(ReportError) -> [UInt8] {
        let index = RunIndex(run)
        let writer = try XMLTextWriter()
        let tally = index.tally
        try writer.startElement("testsuites")
        try writer.attribute("name", "interop-runner \(run.protocolKind.rawValue)")
        try writer.attribute("time", PythonFloat.fixed(max(0, run.end.timeIntervalSince(run.start)), decimals: 3))
        try writer.attribute(
            "tests", String(run.clients.count * run.servers.count * (run.tests.count + run.measurements.count)))
        try writer.attribute("failures", String(tally[.failed]))
        try writer.attribute("errors", String(tally[.timeout] + tally[.error]))
        for (ci, sj) in index.pairs {
            try writeSuite(index, client: ci, server: sj, logBase: logBase, to: writer)
        }
        try writer.endElement()
        return try writer.finish()
    }

    /// One test case's verdict as JUnit sees it.
    private struct Case {
        var name: String
        var status: JobStatus?
        var reason: String?
        var detail: String?
        var duration: Double
        var logPath: String
        var properties: [(String, String)] = []
        /// The earlier runs of a retried job.
        var attempts: [JobAttempt] = []
    }

    private static func writeSuite(
        _ index: RunIndex,
        client ci: Int,
        server sj: Int,
        logBase: String,
        to writer: XMLTextWriter
    ) throws(ReportError) {
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
        for (ti, test) in run.tests.enumerated() {
            let job = index.test(client: ci, server: sj, test: ti)
            cases.append(
                Case(
                    name: test.name, status: job?.status, reason: job?.reason, detail: job?.detail,
                    duration: job?.duration ?? 0,
                    logPath: JobID(server: server, client: client, test: test.name).logPath,
                    attempts: job?.attempts ?? []
                )
            )
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
                }
                entry.properties = measurementProperties(measurement, summary, repetitions)
                suiteProperties += entry.properties
            }
            cases.append(entry)
        }

        try writer.startElement("testsuite")
        try writer.attribute("name", clean(suiteName))
        try writer.attribute("tests", String(cases.count))
        try writer.attribute("failures", String(cases.count { $0.status == .failed }))
        try writer.attribute("errors", String(cases.count { $0.status == .timeout || $0.status == .error }))
        try writer.attribute("skipped", String(cases.count { $0.status == .unsupported || $0.status == nil }))
        try writer.attribute("time", PythonFloat.fixed(cases.reduce(0) { $0 + $1.duration }, decimals: 3))
        try writer.attribute("timestamp", UTCTimestamp.iso8601(run.start))
        try writer.startElement("properties")
        for (name, value) in suiteProperties {
            try writer.startElement("property")
            try writer.attribute("name", clean(name))
            try writer.attribute("value", clean(value))
            try writer.endElement()
        }
        try writer.endElement()
        let notRun = run.incompleteReason.map { "not run: \($0)" } ?? "not run"
        for entry in cases {
            try writeCase(entry, classname: suiteName, logBase: logBase, notRun: notRun, to: writer)
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

    /// One `<testcase>`. A retried job follows Maven Surefire's `rerunFailingTestsCount` report, in its schema's
    /// order: a job that succeeded on a retry has no failure, a `<flakyFailure>` or `<flakyError>` per earlier run;
    /// one that never succeeded has its verdict's `<failure>` or `<error>` and a `<rerunFailure>` or `<rerunError>`
    /// per earlier run. Each of those holds the run's reason (`<stackTrace>`) and its facts and log folder
    /// (`<system-out>`).
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
        let prefix = entry.status == .succeeded ? "flaky" : "rerun"
        let failedRuns = entry.attempts.filter { $0.status == .failed }
        let brokenRuns = entry.attempts.filter { $0.status != .failed }
        if entry.status == .failed || entry.status == .notCompliant {
            try writer.startElement("failure")
            try writer.attribute("message", message)
            try writer.attribute("type", entry.status?.rawValue ?? "failed")
            if let detail = entry.detail {
                try writer.text(TextSanitizer.capped(clean(detail), maxBytes: outputLimit))
            }
            try writer.endElement()
        }
        for attempt in failedRuns {
            try writeRerun(prefix + "Failure", attempt, entry: entry, logBase: logBase, to: writer)
        }
        switch entry.status {
        case .unsupported?, nil:
            try writer.startElement("skipped")
            try writer.attribute(
                "message", entry.status == nil ? TextSanitizer.firstLine(notRun, maxBytes: messageLimit) : message)
            try writer.endElement()
        case .timeout?, .error?:
            try writer.startElement("error")
            try writer.attribute("message", message)
            try writer.attribute("type", entry.status?.rawValue ?? "error")
            try writer.endElement()
        case .failed?, .notCompliant?, .succeeded?:
            break
        }
        for attempt in brokenRuns {
            try writeRerun(prefix + "Error", attempt, entry: entry, logBase: logBase, to: writer)
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
            if status != .succeeded, status != .unsupported {
                output.append("[[ATTACHMENT|\(clean(logBase + entry.logPath))]]")
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
}
