import Foundation
public import Results
import StrictJSON

/// Upstream's `result.json` (`interop.py` `_export_results`), plus our facts in one added member.
///
/// Upstream keys come first, in upstream's order and types, so its web page (`web/script.js`) and scripts read our
/// files unchanged. Everything upstream cannot say (timeouts and errors, reasons, durations, seeds, versions, log
/// paths, repetitions) sits under `"interop_runner"`, from which `loadRunResult` rebuilds the `RunResult`.
public enum UpstreamResultJSON {
    /// Upstream's `QUIC_VERSION` (`hex(0x1)`), written for every protocol as upstream does.
    static let quicVersion = "0x1"
    /// The added member holding our facts.
    static let extensionKey = "interop_runner"

    /// How the file is laid out.
    public enum Style: Sendable {
        /// Byte-identical to Python's `json.dump(out, f)`: ASCII only, `", "` and `": "`, Python float repr.
        case compatible
        /// Python's `json.dumps(out, indent=2, ensure_ascii=False)`: for people reading the file.
        case readable
    }

    /// The file's bytes. Without `extensions` only upstream's keys are written (and the file cannot be re-read
    /// into a complete `RunResult`).
    public static func render(_ run: RunResult, style: Style = .compatible, extensions: Bool = true) -> [UInt8] {
        document(RunIndex(run), extensions: extensions).pythonJSON(style == .compatible ? .compatible : .readable)
    }

    /// The whole document as ordered JSON: upstream's keys, then ours when `extensions` is set.
    static func document(_ index: RunIndex, extensions: Bool) -> JSONValue {
        let run = index.run
        var out = JSONObjectBuilder()
        out["start_time"] = .double(run.start.timeIntervalSince1970)
        out["end_time"] = .double(run.end.timeIntervalSince1970)
        out["log_dir"] = .string(run.logDir)
        out["servers"] = .array(run.servers.map(JSONValue.string))
        out["clients"] = .array(run.clients.map(JSONValue.string))
        var urls = JSONObjectBuilder()
        for name in run.clients + run.servers { urls[name] = .string(run.implementations[name]?.url ?? "") }
        out["urls"] = urls.value
        var tests = JSONObjectBuilder()
        for test in run.tests + run.measurements {
            tests[test.abbreviation] = .object([
                .init("name", .string(test.name)), .init("desc", .string(test.description)),
            ])
        }
        out["tests"] = tests.value
        out["quic_version"] = .string(quicVersion)
        var results: [JSONValue] = []
        var measurements: [JSONValue] = []
        results.reserveCapacity(run.clients.count * run.servers.count)
        for (ci, sj) in index.pairs {
            results.append(
                .array(
                    run.tests.indices.map { ti in
                        let test = run.tests[ti]
                        let status = index.test(client: ci, server: sj, test: ti)?.status.upstreamValue
                        return .object([
                            .init("abbr", .string(test.abbreviation)), .init("name", .string(test.name)),
                            .init("result", .optional(status)),
                        ])
                    }
                )
            )
            var cell: [JSONValue] = []
            for mi in run.measurements.indices {
                // Not run, and a runner error (no verdict), are left out, as upstream leaves out what did not run.
                guard let summary = index.summary(client: ci, server: sj, measurement: mi),
                    let status = summary.status.upstreamValue
                else { continue }
                let measurement = run.measurements[mi]
                cell.append(
                    .object([
                        .init("name", .string(measurement.name)), .init("abbr", .string(measurement.abbreviation)),
                        .init("result", .string(status)), .init("details", .string(summary.details)),
                    ])
                )
            }
            measurements.append(.array(cell))
        }
        out["results"] = .array(results)
        out["measurements"] = .array(measurements)
        if extensions { out[extensionKey] = extensionMember(run) }
        return out.value
    }

    private static func extensionMember(_ run: RunResult) -> JSONValue {
        let implementations = run.implementations.keys.sorted().compactMap { name -> JSONValue.Member? in
            guard let entry = run.implementations[name] else { return nil }
            var members: [JSONValue.Member] = [
                .init("name", .string(entry.name)), .init("image", .optional(entry.image)),
                .init("url", .string(entry.url)), .init("role", .string(entry.role.rawValue)),
                .init("command", .optional(entry.command)), .init("version", .optional(entry.version)),
            ]
            if let program = run.programs[name] {
                members.append(
                    .init(
                        "program",
                        .object([
                            .init("runtime", .string(program.runtime.rawValue)),
                            .init("reference", .string(program.reference)),
                            .init("image_id", .optional(program.imageID)),
                        ])))
            }
            return .init(name, .object(members))
        }
        let tests = (run.tests + run.measurements).map { test -> JSONValue in
            .object([
                .init("name", .string(test.name)), .init("abbr", .string(test.abbreviation)),
                .init("desc", .string(test.description)), .init("measurement", .bool(test.isMeasurement)),
                .init("unit", .optional(test.unit)),
            ])
        }
        let jobs = run.jobs.map { job -> JSONValue in
            var members: [JSONValue.Member] = [
                .init("server", .string(job.id.server)), .init("client", .string(job.id.client)),
                .init("test", .string(job.id.test)),
                .init("repetition", job.id.repetition.map { .int(Int64($0)) } ?? .null),
                .init("status", .string(job.status.rawValue)),
                .init("observed_status", .string(job.observedStatus.rawValue)),
                .init("reason", .optional(job.reason)), .init("start", .double(job.start.timeIntervalSince1970)),
                .init("duration", .double(job.duration)), .init("value", .optional(job.value)),
                .init("seed", job.seed.map(JSONValue.uint) ?? .null), .init("log_path", .string(job.id.logPath)),
            ]
            // Only a retried job has these, so a run without retries reads as before.
            if !job.attempts.isEmpty {
                members.append(.init("flaky", .bool(job.isFlaky)))
                members.append(.init("attempts", .array(job.attempts.map { attemptMember($0, of: job.id) })))
            }
            // Only a job that did not succeed has these; leaving them out keeps a large run's file small.
            if let detail = job.detail { members.append(.init("detail", .string(detail))) }
            if let evidence = job.evidence { members.append(.init("evidence", evidenceMember(evidence))) }
            return .object(members)
        }
        var members: [JSONValue.Member] = [
            .init("protocol", .string(run.protocolKind.rawValue)), .init("runner_version", .string(run.runnerVersion)),
            .init("seed", .uint(run.seed)), .init("implementations", .object(implementations)),
            .init("tests", .array(tests)), .init("jobs", .array(jobs)),
            .init("traces", .string(run.traces.rawValue)),
        ]
        if let reason = run.incompleteReason { members.append(.init("incomplete", .string(reason))) }
        if let archive = run.archive {
            members.append(
                .init(
                    "archive",
                    .object([.init("path", .string(archive.path)), .init("bytes", .int(archive.bytes))])))
        }
        return .object(members)
    }

    private static func attemptMember(_ attempt: JobAttempt, of id: JobID) -> JSONValue {
        .object([
            .init("number", .int(Int64(attempt.number))), .init("status", .string(attempt.status.rawValue)),
            .init("reason", .optional(attempt.reason)), .init("start", .double(attempt.start.timeIntervalSince1970)),
            .init("duration", .double(attempt.duration)), .init("seed", attempt.seed.map(JSONValue.uint) ?? .null),
            .init("log_path", .string(attempt.logPath(of: id))),
        ])
    }

    /// A job's evidence: both outputs' ends (`null` when the endpoint printed nothing) and its files.
    private static func evidenceMember(_ evidence: JobEvidence) -> JSONValue {
        .object([
            .init("server_output", .optional(evidence.serverOutput)),
            .init("client_output", .optional(evidence.clientOutput)),
            .init("files", .array(evidence.files.map(JSONValue.string))),
        ])
    }
}
