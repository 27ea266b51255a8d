import EndpointLauncher
import Foundation
import Results
import SystemPackage
import TestCatalog

#if canImport(Glibc)
    import Glibc
#endif

/// The two endpoints of one job, each with the runtime that starts it, and how they run together.
///
/// As upstream's `docker compose up --abort-on-container-exit`: the server starts first, the client once the server's
/// UDP port 443 is bound in the server's namespace, and the pair ends as soon as either endpoint exits (the other
/// is stopped). Exit 127 from either means `unsupported`; the checks run when the endpoint that ended the pair exited
/// with 0 (upstream's `client_exited_ok or server_exited_ok`: a WebTransport server may finish first).
struct EndpointPair: Sendable {
    let request: JobRequest
    let prepared: PreparedTest
    let directories: JobDirectories
    let folders: JobFolders
    /// The runtime of each side.
    let runtimes: [Perspective: any EndpointRuntime]

    /// How long a compliance check may take: an endpoint asked for an unknown test case should exit at once.
    static let complianceTimeout: Duration = .seconds(30)

    /// `perspective`'s endpoint told to run `testcase`, with its `/logs` in `logs` and its output in `logFile`.
    func endpoint(_ perspective: Perspective, testcase: String, logs: String, logFile: String) -> EndpointSpec {
        let server = perspective == .server
        var environment = [
            "ROLE": perspective.rawValue,
            "TESTCASE": testcase,
            "REQUESTS": prepared.requests(for: perspective),
            "PROTOCOLS": prepared.protocols(for: perspective),
            "SSLKEYLOGFILE": "/logs/keys.log",
            "QLOGDIR": "/logs/qlog/",
        ]
        environment[server ? "SERVER_PARAMS" : "CLIENT_PARAMS"] = ""
        return EndpointSpec(
            implementation: server ? request.server.name : request.client.name,
            perspective: perspective,
            program: server ? request.serverProgram : request.clientProgram,
            environment: environment,
            mounts: [
                .init(
                    source: (server ? directories.serverWWW : directories.clientWWW).path, target: "/www",
                    readOnly: true),
                .init(
                    source: (server ? directories.serverDownloads : directories.clientDownloads).path,
                    target: "/downloads", readOnly: false),
                .init(source: folders.certificates, target: "/certs", readOnly: true),
                .init(source: logs, target: "/logs", readOnly: false),
            ],
            logFile: FilePath(logFile), workspace: folders.workspace)
    }

    private func runtime(_ perspective: Perspective) throws(JobSetupError) -> any EndpointRuntime {
        guard let runtime = runtimes[perspective] else {
            throw JobSetupError(code: .spawn, path: perspective.rawValue, detail: "no runtime for this endpoint")
        }
        return runtime
    }

    /// Upstream's compliance check: asked for a random test case, the endpoint must exit with 127.
    ///
    /// - Throws: what the runtime throws when it cannot start the endpoint, and ``JobSetupError`` when the
    ///   launcher itself failed (exit 126): the runner's faults, which are never a verdict and never cached.
    func checkCompliance(of perspective: Perspective, in network: JobNetwork) async throws -> ComplianceCache.Verdict {
        let testcase = "compliance-check-\(UInt32.random(in: 0...UInt32.max))"
        let scratch = folders.workspace + "/compliance-\(perspective.rawValue)"
        do {
            try FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true)
        } catch {
            throw JobSetupError(code: .directory, path: scratch, detail: "\(error)")
        }
        // What the endpoint prints goes into the job's log folder: a non-compliant endpoint's words explain why.
        let spec = endpoint(
            perspective, testcase: testcase, logs: scratch,
            logFile: folders.logDir + "/compliance-\(perspective.rawValue).out.txt")
        let runtime = try runtime(perspective)
        let termination = try await withTimeout(Self.complianceTimeout) {
            try await runtime.run(spec, in: network) { _ in }
        }
        let printed = LogTail.read(spec.logFile.string)
        switch termination {
        case .exited(127)?:
            return .compliant
        case .exited(LaunchFailure.exitCode)? where spec.program.runtime == .process:
            throw JobSetupError(
                code: .spawn, path: spec.program.reference,
                detail: "interop-endpoint-exec could not start the endpoint (exit 126): \(printed)")
        case let other?:
            return .notCompliant(reason: "TESTCASE=\(testcase) \(other), expected exit status 127", output: printed)
        case nil:
            return .notCompliant(
                reason: "TESTCASE=\(testcase) did not end within \(Self.complianceTimeout)", output: printed)
        }
    }

    /// Runs the server, the client once the server listens, and stops the other endpoint when one exits; judges the
    /// exits.
    func run(in network: JobNetwork, output: JobOutput) async throws -> JobOutcome {
        let server = endpoint(
            .server, testcase: prepared.serverTestcase, logs: folders.serverLogs, logFile: folders.serverOutput)
        let client = endpoint(
            .client, testcase: prepared.clientTestcase, logs: folders.clientLogs, logFile: folders.clientOutput)
        let serverRuntime = try runtime(.server)
        let clientRuntime = try runtime(.client)
        output.line("server: \(request.server.name), \(server.program)")
        output.line("client: \(request.client.name), \(client.program)")
        // Both at once: creating a container takes the daemon a moment, which the client then need not wait for.
        async let serverReady = serverRuntime.prepare(server, in: network)
        async let clientReady = clientRuntime.prepare(client, in: network)
        let (preparedServer, preparedClient) = try await (serverReady, clientReady)
        output.line("starting server \(request.server.name)")
        let (serverStarted, started) = AsyncStream<pid_t>.makeStream()
        let namespace = FilePath(network.namespacePath(.server))
        let timeout = request.timeout
        return try await withThrowingTaskGroup(of: PairEvent.self) { group in
            group.addTask {
                .exited(.server, try await serverRuntime.run(preparedServer, in: network) { pid in started.yield(pid) })
            }
            group.addTask {
                var pids = serverStarted.makeAsyncIterator()
                guard let pid = await pids.next() else { return .listening(nil) }
                do {
                    return .listening(
                        try await waitForUDPPort(443, process: pid, networkNamespace: namespace, timeout: timeout))
                } catch is CancellationError {
                    return .listening(nil)
                }
            }
            var exits = PairExits(launched: Set(runtimes.compactMap { $0.value is ProcessRuntime ? $0.key : nil }))
            while let event = try await group.next() {
                switch event {
                case .listening(.bound(let after)?) where exits.first == nil:
                    output.line("server listens on UDP 443 after \(after); starting client \(request.client.name)")
                    exits.clientStarted = true
                    group.addTask {
                        .exited(.client, try await clientRuntime.run(preparedClient, in: network) { _ in })
                    }
                case .listening:
                    // The server exited first (its own event follows) or the job's timeout will end the pair.
                    continue
                case .exited(let perspective, let termination):
                    output.line("\(perspective.rawValue) \(termination)")
                    if exits.record(perspective, termination) {
                        let other: Perspective = perspective == .server ? .client : .server
                        if perspective == .client || exits.clientStarted {
                            output.line("\(perspective.rawValue) exited first; stopping the \(other.rawValue)")
                        }
                        started.finish()
                        group.cancelAll()
                    }
                }
            }
            return exits.verdict
        }
    }
}

/// What the children of a pair's task group report.
private enum PairEvent: Sendable {
    /// The wait for the server's UDP port ended (`nil`: it was cancelled or the server never started).
    case listening(UDPPortWait?)
    /// An endpoint ended, on its own or stopped.
    case exited(Perspective, ProcessTermination)
}

/// The exits of a pair as they come, and the verdict they make.
struct PairExits: Sendable {
    /// The endpoint that exited on its own and so ended the pair, and how.
    private(set) var first: (perspective: Perspective, termination: ProcessTermination)?
    /// How each endpoint ended.
    private(set) var terminations: [Perspective: ProcessTermination] = [:]
    /// The sides started through `interop-endpoint-exec`, whose exit 126 is the launcher's own failure.
    let launched: Set<Perspective>
    /// Whether the client was started (the server listened in time).
    var clientStarted = false

    /// Exits of a pair whose `launched` sides run through the launcher.
    init(launched: Set<Perspective>) {
        self.launched = launched
    }

    /// Records an exit; returns whether it ends the pair (it is the first).
    mutating func record(_ perspective: Perspective, _ termination: ProcessTermination) -> Bool {
        terminations[perspective] = termination
        guard first == nil else { return false }
        first = (perspective, termination)
        return true
    }

    /// The verdict of the exits, as upstream reads `docker compose` output: any 127 is `unsupported`; the checks run
    /// when the endpoint that ended the pair exited with 0; everything else failed. 126 is the launcher's own failure.
    ///
    /// A limit of the sandbox that an endpoint reached comes first: the job failed, and the reason names the limit.
    var verdict: JobOutcome {
        for perspective in [Perspective.client, .server] {
            if let termination = terminations[perspective], case .limitReached = termination {
                return JobOutcome(status: .failed, reason: "\(perspective.rawValue) \(termination)")
            }
        }
        for perspective in [Perspective.client, .server] where terminations[perspective] == .exited(127) {
            return JobOutcome(status: .unsupported, reason: "\(perspective.rawValue) exited with status 127")
        }
        if launched.contains(where: { terminations[$0] == .exited(LaunchFailure.exitCode) }) {
            return JobOutcome(status: .error, reason: "interop-endpoint-exec could not start an endpoint (exit 126)")
        }
        guard let first else {
            return JobOutcome(status: .error, reason: "neither endpoint ended")
        }
        if first.perspective == .server && !clientStarted {
            return JobOutcome(status: .failed, reason: "server \(first.termination) before listening on UDP port 443")
        }
        if first.termination.isSuccess { return JobOutcome(status: .succeeded) }
        let other: Perspective = first.perspective == .server ? .client : .server
        let stopped = terminations[other].map { "; the \(other.rawValue) was stopped (\($0))" } ?? ""
        return JobOutcome(
            status: .failed, reason: "\(first.perspective.rawValue) \(first.termination) first\(stopped)")
    }
}
