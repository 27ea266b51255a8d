import EndpointLauncher
import Foundation
public import Logging
public import Results
import SystemPackage
import TestCatalog

/// Runs one job from start to verdict: workspace, certificates, network, compliance, server, client, check,
/// teardown. A failing test is the returned status; only the caller's cancellation shortens it.
///
/// The server starts first; the client starts once the server's UDP port 443 is bound in the server's namespace
/// (upstream races here). Whichever endpoint exits first ends the pair and the other is stopped (SIGTERM, then
/// SIGKILL), as upstream's `--abort-on-container-exit` (``EndpointPair``). The test's timeout ends the job with
/// `timeout`; exit 127 from either side means `unsupported`; a fault of the runner or the machine is `error`. Each
/// endpoint runs as a local command or a container of its image (``EndpointRuntime``), and a pair may mix them.
public struct JobRunner: Sendable {
    public var environment: RunEnvironment
    public var logger: Logger

    /// Creates a runner for the jobs of one run.
    public init(environment: RunEnvironment, logger: Logger) {
        self.environment = environment
        self.logger = logger
    }

    /// Runs `request` and returns its verdict; its logs are in `request.logDir` when it returns.
    public func run(_ request: JobRequest) async -> JobResult {
        let start = Date()
        let clock = ContinuousClock()
        let began = clock.now
        var logger = self.logger
        logger[metadataKey: "job"] = "\(request.id)"
        let label = await environment.labels.take()
        let workspace = (environment.workRoot as NSString).appendingPathComponent(label)
        defer { try? FileManager.default.removeItem(atPath: workspace) }

        let folders = JobFolders(logDir: request.logDir, workspace: workspace)
        var outcome: JobOutcome
        let output: JobOutput
        do {
            try folders.create()
            output = JobOutput(path: folders.output)
        } catch {
            return JobResult(
                id: request.id, status: .error, reason: "cannot create the job's folders: \(error)", start: start,
                duration: (clock.now - began).seconds, seed: request.seed)
        }
        output.line(
            "Server: \(request.server.name). Client: \(request.client.name). Running test case: \(request.test.name)")
        output.line("seed \(request.seed), scenario \(request.test.scenario), timeout \(request.timeout)")
        do {
            outcome = try await runWithTimeout(request, folders: folders, output: output, label: label, logger: logger)
        } catch let error as DockerError {
            outcome = JobOutcome(status: .error, reason: "docker: \(error.message)")
        } catch {
            outcome = JobOutcome(status: .error, reason: "runner fault: \(error)")
        }
        if Task.isCancelled && outcome.status != .succeeded {
            outcome = JobOutcome(status: .error, reason: "cancelled: the run was interrupted")
        }
        output.line(
            "Test \(request.test.name) took \((clock.now - began).seconds)s, status: \(outcome.status.rawValue)")
        if let reason = outcome.reason { output.line("reason: \(reason)") }
        if outcome.status != .unsupported && outcome.status != .notCompliant {
            output.line(folders.artifacts.embedKeyLog())
        }
        // Read before `finish`, which may remove the folder; a report quotes it without the archive.
        let evidence =
            [.failed, .timeout, .error, .notCompliant].contains(outcome.status)
            ? JobEvidence.collect(from: folders, logPath: request.id.logPath) : nil
        finish(request, outcome: outcome, folders: folders)
        return JobResult(
            id: request.id, status: outcome.status, reason: outcome.reason, detail: outcome.detail,
            evidence: evidence, start: start, duration: (clock.now - began).seconds, value: outcome.value,
            seed: request.seed)
    }

    /// Runs the job against its timeout; on timeout the job is cancelled and has torn down when this returns.
    private func runWithTimeout(
        _ request: JobRequest, folders: JobFolders, output: JobOutput, label: String, logger: Logger
    ) async throws -> JobOutcome {
        let job = self
        let outcome = try await withTimeout(request.timeout) {
            try await job.runJob(request, folders: folders, output: output, label: label, logger: logger)
        }
        guard let outcome else {
            output.line("Test failed: took longer than \(request.timeout).")
            return JobOutcome(status: .timeout, reason: "the job took longer than its timeout of \(request.timeout)")
        }
        return outcome
    }

    private func runJob(
        _ request: JobRequest, folders: JobFolders, output: JobOutput, label: String, logger: Logger
    ) async throws -> JobOutcome {
        let directories = JobDirectories(root: URL(fileURLWithPath: folders.workspace))
        let prepared = try request.test.prepare(in: directories, seed: request.seed)
        let chain = try CertificateChain(length: request.test.certificateChainLength)
        try chain.write(to: FilePath(folders.certificates))
        output.line("Requests: \(prepared.requests(for: .client))")

        // A side whose image cannot be used is the machine's problem: say so before building anything.
        var request = request
        var dockerHosts: [NetworkHost] = []
        for perspective in [Perspective.server, .client] {
            let program = perspective == .server ? request.serverProgram : request.clientProgram
            guard program.runtime == .docker else { continue }
            do throws(DockerError) {
                guard let docker = environment.docker else {
                    throw DockerError(.daemonUnreachable, "Docker was not prepared for this run")
                }
                let id = try docker.imageID(of: program.reference)
                let resolved = EndpointProgram.image(program.reference, id: id)
                if perspective == .server { request.serverProgram = resolved } else { request.clientProgram = resolved }
            } catch {
                return JobOutcome(status: .error, reason: "\(perspective.rawValue): \(error.message)")
            }
            dockerHosts.append(perspective == .server ? .server : .client)
        }

        // As upstream, a pair with a non-compliant endpoint is not run: once known, its jobs build nothing.
        for perspective in [Perspective.server, .client] {
            let implementation = perspective == .server ? request.server : request.client
            let program = perspective == .server ? request.serverProgram : request.clientProgram
            let known = await environment.compliance.known(program.imageID ?? program.reference, as: perspective)
            if case .notCompliant(let why, let printed)? = known {
                return Self.notCompliant(perspective, implementation.name, why, printed, output: output)
            }
        }

        var options = JobNetworkOptions(
            scenario: request.test.scenario, seed: request.seed, crossTraffic: request.test.crossTraffic != nil,
            simulatorLogDirectory: folders.simulatorLogs, simulatorExecutable: environment.simulator)
        let docker = environment.docker
        let result = try await withHolders(dockerHosts, in: docker) { holders, dockerRuntime in
            options.attachedNamespaces = holders.mapValues(\.pid)
            var runtimes: [Perspective: any EndpointRuntime] = [:]
            for perspective in [Perspective.server, .client] {
                let program = perspective == .server ? request.serverProgram : request.clientProgram
                switch program.runtime {
                case .process:
                    runtimes[perspective] = ProcessRuntime(launcher: environment.launcher, sandbox: environment.sandbox)
                case .docker:
                    guard let dockerRuntime else {
                        throw DockerError(.daemonUnreachable, "Docker was not prepared for this run")
                    }
                    runtimes[perspective] = dockerRuntime
                }
            }
            let pair = EndpointPair(
                request: request, prepared: prepared, directories: directories, folders: folders, runtimes: runtimes)
            return try await withJobNetwork(label: label, options: options, logger: logger) { network in
                for perspective in [Perspective.server, .client] {
                    let implementation = perspective == .server ? request.server : request.client
                    let program = perspective == .server ? request.serverProgram : request.clientProgram
                    let verdict = try await environment.compliance.verdict(
                        for: program.imageID ?? program.reference, as: perspective
                    ) {
                        let verdict = try await pair.checkCompliance(of: perspective, in: network)
                        if program.runtime == .docker {
                            try await network.restoreAddressing(of: perspective == .server ? .server : .client)
                        }
                        return verdict
                    }
                    if case .notCompliant(let why, let printed) = verdict {
                        return Self.notCompliant(perspective, implementation.name, why, printed, output: output)
                    }
                }
                return try await pair.run(in: network, output: output)
            }
        }
        guard result.status == .succeeded else { return result }
        let context = CheckContext(prepared: prepared, directories: directories, artifacts: folders.artifacts)
        let check = request.test.check(context)
        output.line("check: \(check.status.rawValue)\(check.reason.map { " (\($0))" } ?? "")")
        return JobOutcome(status: check.status, reason: check.reason, value: check.value)
    }

    /// The outcome of a job whose `perspective` endpoint `name` failed the compliance check, with what it printed.
    private static func notCompliant(
        _ perspective: Perspective, _ name: String, _ why: String, _ printed: String, output: JobOutput
    ) -> JobOutcome {
        output.line("\(perspective.rawValue) \(name) is not compliant, the pair is not run: \(why)")
        return JobOutcome(
            status: .notCompliant, reason: "\(perspective.rawValue) \(name) is not compliant: \(why)",
            detail: printed.isEmpty ? nil : "what the \(perspective.rawValue) printed:\n\(printed)")
    }

    /// Runs `body` with namespace holders for `hosts` and the runtime of the job's containers (none without Docker
    /// endpoints: then the runtime is never used).
    private func withHolders<R: Sendable>(
        _ hosts: [NetworkHost], in docker: DockerSupport?,
        _ body: ([NetworkHost: Holder], (any EndpointRuntime)?) async throws -> R
    ) async throws -> R {
        guard !hosts.isEmpty else { return try await body([:], nil) }
        guard let docker else { throw DockerError(.daemonUnreachable, "Docker was not prepared for this run") }
        return try await docker.withHolders(hosts, gracePeriod: .seconds(2)) { try await body($0, $1) }
    }

    /// Upstream keeps the logs of succeeded and failed jobs only; with `-f`, a failed job also keeps its files.
    private func finish(_ request: JobRequest, outcome: JobOutcome, folders: JobFolders) {
        if outcome.status == .unsupported {
            try? FileManager.default.removeItem(atPath: folders.logDir)
            return
        }
        guard request.saveFiles, outcome.status == .failed || outcome.status == .timeout else { return }
        for name in ["server_www", "client_www", "server_downloads", "client_downloads"] {
            let source = (folders.workspace as NSString).appendingPathComponent(name)
            let target = (folders.logDir as NSString).appendingPathComponent(name)
            try? FileManager.default.copyItem(atPath: source, toPath: target)
        }
    }
}

/// What a job ended with before it becomes a `JobResult`.
struct JobOutcome: Sendable {
    var status: JobStatus
    var reason: String?
    var value: Double?
    /// More than the one-line reason has to say.
    var detail: String?

    init(status: JobStatus, reason: String? = nil, value: Double? = nil, detail: String? = nil) {
        self.status = status
        self.reason = reason
        self.value = value
        self.detail = detail
    }
}

extension Duration {
    /// The duration in seconds as a `Double`.
    var seconds: Double {
        let parts = components
        return Double(parts.seconds) + Double(parts.attoseconds) / 1e18
    }
}
