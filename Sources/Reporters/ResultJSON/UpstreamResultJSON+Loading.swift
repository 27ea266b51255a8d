public import Foundation
public import Results
import StrictJSON

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Reads a `result.json` back into a `RunResult`, so every report can be re-rendered without the runner.
///
/// Our own files carry `"interop_runner"` and round-trip exactly (times to the microsecond: JSON holds Unix seconds
/// as a double). A file written by upstream's runner is read too, with what it has: statuses, test names, URLs and
/// each measurement's mean (its spread is lost); durations are 0 and the base seed 0.
public func loadRunResult(from url: URL) throws(ReportError) -> RunResult {
    // Only a regular file: a directory fails with a vague error, and a device or a pipe could be read forever.
    var status = Glibc.stat()
    if stat(url.path, &status) == 0, status.st_mode & S_IFMT != S_IFREG {
        let kind = status.st_mode & S_IFMT == S_IFDIR ? "a directory" : "not a regular file"
        throw ReportError(.io, "cannot read \(url.path): \(kind), not a result.json")
    }
    let data: Data
    do {
        data = try Data(contentsOf: url)
    } catch {
        throw ReportError(.io, "cannot read \(url.path): \(FileErrorText.describe(error))")
    }
    return try loadRunResult(json: [UInt8](data), source: url.path)
}

/// Reads `result.json` text; `source` names it in error messages.
public func loadRunResult(json bytes: [UInt8], source: String = "result.json") throws(ReportError) -> RunResult {
    let value: JSONValue
    do {
        value = try JSONParser.parse(bytes, allowsNonFinite: true)
    } catch {
        throw ReportError(.invalidResultJSON, "\(source):\(error)")
    }
    let root = JSONNode(value: value, path: "", source: source)
    let start = Date(timeIntervalSince1970: try root.member("start_time").double())
    let end = Date(timeIntervalSince1970: try root.member("end_time").double())
    let logDir = try root.member("log_dir").string()
    let servers = try root.member("servers").strings()
    let clients = try root.member("clients").strings()
    let urls = try root.optionalMember("urls")?.members() ?? []
    let loaded: RunResult
    let jobsPath: String
    if let extras = try root.optionalMember(UpstreamResultJSON.extensionKey) {
        loaded = try loadExtended(
            extras,
            RunResult(
                protocolKind: .quic, runnerVersion: "", start: start, end: end, seed: 0, logDir: logDir,
                servers: servers, clients: clients, implementations: [:], tests: [], measurements: [], jobs: []
            )
        )
        jobsPath = "\(UpstreamResultJSON.extensionKey).jobs"
    } else {
        loaded = try loadUpstream(
            root, start: start, end: end, logDir: logDir, servers: servers, clients: clients, urls: urls)
        jobsPath = "results"
    }
    try validate(loaded, source: source, jobsPath: jobsPath)
    return loaded
}

private func loadExtended(_ extras: JSONNode, _ base: RunResult) throws(ReportError) -> RunResult {
    var run = base
    run.protocolKind = try extras.member("protocol").enumeration(WireProtocol.self)
    run.runnerVersion = try extras.member("runner_version").string()
    run.seed = try extras.member("seed").uint64()
    for (name, entry) in try extras.member("implementations").members() {
        run.implementations[name] = Implementation(
            name: try entry.member("name").string(),
            image: try entry.member("image").optionalString(),
            url: try entry.member("url").string(),
            role: try entry.member("role").enumeration(Role.self),
            command: try entry.member("command").optionalString(),
            version: try entry.member("version").optionalString()
        )
        // Written since the docker runtime; a result.json of an earlier version has none.
        if let program = try entry.optionalMember("program") {
            let reference = try program.member("reference").string()
            switch try program.member("runtime").enumeration(EndpointProgram.Runtime.self) {
            case .process: run.programs[name] = .command(reference)
            case .docker: run.programs[name] = .image(reference, id: try program.member("image_id").optionalString())
            }
        }
    }
    for node in try extras.member("tests").items() {
        let test = TestDescriptor(
            name: try node.member("name").string(),
            abbreviation: try node.member("abbr").string(),
            description: try node.member("desc").string(),
            isMeasurement: try node.member("measurement").bool(),
            unit: try node.member("unit").optionalString()
        )
        if test.isMeasurement { run.measurements.append(test) } else { run.tests.append(test) }
    }
    let jobs = try extras.member("jobs").items()
    run.jobs.reserveCapacity(jobs.count)
    for node in jobs {
        let id = JobID(
            server: try node.member("server").string(),
            client: try node.member("client").string(),
            test: try node.member("test").string(),
            repetition: try node.member("repetition").optionalInt()
        )
        var job = JobResult(
            id: id,
            status: try node.member("status").enumeration(JobStatus.self),
            reason: try node.member("reason").optionalString(),
            start: Date(timeIntervalSince1970: try node.member("start").double()),
            duration: try node.member("duration").double(),
            value: try node.member("value").optionalDouble(),
            seed: try node.member("seed").optionalUInt64()
        )
        job.observedStatus = try node.member("observed_status").enumeration(JobStatus.self)
        // Written for retried jobs only.
        for attempt in try node.optionalMember("attempts")?.items() ?? [] {
            job.attempts.append(
                JobAttempt(
                    number: try attempt.member("number").int(),
                    status: try attempt.member("status").enumeration(JobStatus.self),
                    reason: try attempt.member("reason").optionalString(),
                    start: Date(timeIntervalSince1970: try attempt.member("start").double()),
                    duration: try attempt.member("duration").double(),
                    seed: try attempt.member("seed").optionalUInt64()))
        }
        // Written since failure detail; absent for a job that succeeded and in files of earlier versions.
        job.detail = try node.optionalMember("detail")?.optionalString()
        if let evidence = try node.optionalMember("evidence"), !evidence.isNull {
            job.evidence = JobEvidence(
                serverOutput: try evidence.member("server_output").optionalString(),
                clientOutput: try evidence.member("client_output").optionalString(),
                files: try evidence.member("files").strings()
            )
        }
        run.jobs.append(job)
    }
    // Written since traces could be left out (`--keep-traces`); earlier files kept every trace.
    run.traces = try extras.optionalMember("traces")?.enumeration(TracePolicy.self) ?? .all
    run.incompleteReason = try extras.optionalMember("incomplete")?.string()
    if let archive = try extras.optionalMember("archive") {
        run.archive = ArchiveSummary(
            path: try archive.member("path").string(), bytes: Int64(try archive.member("bytes").int()))
    }
    return run
}

private func loadUpstream(
    _ root: JSONNode,
    start: Date,
    end: Date,
    logDir: String,
    servers: [String],
    clients: [String],
    urls: [(key: String, node: JSONNode)]
) throws(ReportError) -> RunResult {
    var implementations: [String: Implementation] = [:]
    for name in clients + servers where implementations[name] == nil {
        let url = try urls.first { $0.key == name }?.node.string() ?? ""
        let role: Role = servers.contains(name) ? (clients.contains(name) ? .both : .server) : .client
        implementations[name] = Implementation(name: name, url: url, role: role)
    }
    let results = try root.member("results").items()
    let measurementCells = try root.optionalMember("measurements")?.items() ?? []
    guard results.count == clients.count * servers.count else {
        throw ReportError(
            .invalidResultJSON,
            "\(root.source): at results: \(results.count) entries, expected len(clients) * len(servers) = "
                + "\(clients.count * servers.count)"
        )
    }
    // Upstream's "tests" holds test cases and measurements alike; which is which shows in results/measurements.
    var testAbbreviations: Set<String> = []
    var named: [(abbr: String, name: String)] = []
    for cell in results {
        for entry in try cell.items() {
            let abbr = try entry.member("abbr").string()
            if testAbbreviations.insert(abbr).inserted { named.append((abbr, try entry.member("name").string())) }
        }
    }
    var units: [String: String] = [:]
    var measurementAbbreviations: Set<String> = []
    for cell in measurementCells {
        for entry in try cell.items() {
            let abbr = try entry.member("abbr").string()
            if measurementAbbreviations.insert(abbr).inserted {
                named.append((abbr, try entry.member("name").string()))
            }
            if let unit = try entry.optionalMember("details")?.string().split(separator: " ").last, units[abbr] == nil {
                units[abbr] = String(unit)
            }
        }
    }
    var descriptors: [(abbr: String, name: String, desc: String)] = []
    if let tests = try root.optionalMember("tests") {
        for (abbr, node) in try tests.members() {
            descriptors.append(
                (abbr, try node.member("name").string(), try node.optionalMember("desc")?.string() ?? ""))
        }
    } else {
        descriptors = named.map { ($0.abbr, $0.name, "") }
    }
    var run = RunResult(
        protocolKind: .quic, runnerVersion: "", start: start, end: end, seed: 0, logDir: logDir,
        servers: servers, clients: clients, implementations: implementations, tests: [], measurements: [], jobs: []
    )
    for (abbr, name, desc) in descriptors {
        let isMeasurement =
            measurementAbbreviations.contains(abbr) || (!results.isEmpty && !testAbbreviations.contains(abbr))
        let test = TestDescriptor(
            name: name, abbreviation: abbr, description: desc, isMeasurement: isMeasurement,
            unit: isMeasurement ? units[abbr] : nil
        )
        if isMeasurement { run.measurements.append(test) } else { run.tests.append(test) }
    }
    for (position, cell) in results.enumerated() {
        let client = clients[position / max(1, servers.count)]
        let server = servers[position % max(1, servers.count)]
        for entry in try cell.items() {
            guard let result = try entry.member("result").optionalString() else { continue }
            let status = try upstreamStatus(result, at: entry)
            let id = JobID(server: server, client: client, test: try entry.member("name").string())
            run.jobs.append(JobResult(id: id, status: status, start: start, duration: 0))
        }
        guard position < measurementCells.count else { continue }
        for entry in try measurementCells[position].items() {
            let status = try upstreamStatus(try entry.member("result").string(), at: entry)
            let details = try entry.optionalMember("details")?.string() ?? ""
            let mean = details.split(separator: " ").first.flatMap { Double($0) }
            let id = JobID(server: server, client: client, test: try entry.member("name").string(), repetition: 1)
            run.jobs.append(JobResult(id: id, status: status, start: start, duration: 0, value: mean))
        }
    }
    return run
}

private func upstreamStatus(_ text: String, at entry: JSONNode) throws(ReportError) -> JobStatus {
    guard let status = JobStatus(rawValue: text), status.upstreamValue == text else {
        throw ReportError(
            .invalidResultJSON,
            "\(entry.source): at \(entry.path).result: expected \"succeeded\", \"failed\" or \"unsupported\", not \"\(text)\""
        )
    }
    return status
}

/// Checks `RunResult`'s invariant, naming the first job that breaks it (`jobsPath` is where jobs came from).
private func validate(_ run: RunResult, source: String, jobsPath: String) throws(ReportError) {
    let servers = Set(run.servers)
    let clients = Set(run.clients)
    let tests = Set(run.tests.map(\.name))
    let measurements = Set(run.measurements.map(\.name))
    for (position, job) in run.jobs.enumerated() {
        let problem: String? =
            if !servers.contains(job.id.server) {
                "server \"\(job.id.server)\" is not in servers"
            } else if !clients.contains(job.id.client) {
                "client \"\(job.id.client)\" is not in clients"
            } else if job.id.repetition == nil, !tests.contains(job.id.test) {
                "test \"\(job.id.test)\" is not a test case of the run"
            } else if job.id.repetition != nil, !measurements.contains(job.id.test) {
                "test \"\(job.id.test)\" is not a measurement of the run"
            } else {
                nil
            }
        if let problem {
            throw ReportError(
                .invalidResultJSON, "\(source): at \(jobsPath)[\(position)]: \(problem)")
        }
    }
    for name in run.servers + run.clients where run.implementations[name] == nil {
        throw ReportError(
            .invalidResultJSON, "\(source): at \(UpstreamResultJSON.extensionKey).implementations: \"\(name)\" missing")
    }
}
