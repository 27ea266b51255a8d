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
/// (upstream races here). When the client exits the server is stopped (SIGTERM, then SIGKILL). The test's timeout
/// ends the job with `timeout`; exit 127 from either side means `unsupported`; a fault of the runner or the
/// machine is `error`.
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
        } catch {
            outcome = JobOutcome(status: .error, reason: "runner fault: \(error)")
        }
        if Task.isCancelled && outcome.status != .succeeded {
            outcome = JobOutcome(status: .error, reason: "cancelled: the run was interrupted")
        }
        output.line(
            "Test \(request.test.name) took \((clock.now - began).seconds)s, status: \(outcome.status.rawValue)")
        if let reason = outcome.reason { output.line("reason: \(reason)") }
        if outcome.status != .unsupported { output.line(folders.artifacts.embedKeyLog()) }
        finish(request, outcome: outcome, folders: folders)
        return JobResult(
            id: request.id, status: outcome.status, reason: outcome.reason, start: start,
            duration: (clock.now - began).seconds, value: outcome.value, seed: request.seed)
    }

    /// Races the job against its timeout; the loser is cancelled and tears down.
    private func runWithTimeout(
        _ request: JobRequest, folders: JobFolders, output: JobOutput, label: String, logger: Logger
    ) async throws -> JobOutcome {
        try await withThrowingTaskGroup(of: JobOutcome?.self) { group in
            group.addTask {
                try await runJob(request, folders: folders, output: output, label: label, logger: logger)
            }
            group.addTask {
                try? await Task.sleep(for: request.timeout)
                return nil
            }
            let first = try await group.next() ?? nil
            group.cancelAll()
            guard let first else {
                // The job is still tearing down; wait for it so nothing outlives this call.
                _ = try? await group.next()
                output.line("Test failed: took longer than \(request.timeout).")
                return JobOutcome(
                    status: .timeout, reason: "the job took longer than its timeout of \(request.timeout)")
            }
            return first
        }
    }

    private func runJob(
        _ request: JobRequest, folders: JobFolders, output: JobOutput, label: String, logger: Logger
    ) async throws -> JobOutcome {
        let directories = JobDirectories(root: URL(fileURLWithPath: folders.workspace))
        let prepared = try request.test.prepare(in: directories, seed: request.seed)
        let chain = try CertificateChain(length: request.test.certificateChainLength)
        try chain.write(to: FilePath(folders.certificates))
        output.line("Requests: \(prepared.requests(for: .client))")

        let options = JobNetworkOptions(
            scenario: request.test.scenario, seed: request.seed, crossTraffic: request.test.crossTraffic != nil,
            simulatorLogDirectory: folders.simulatorLogs, simulatorExecutable: environment.simulator)
        let endpoints = EndpointSet(
            request: request, prepared: prepared, directories: directories, folders: folders,
            launcher: environment.launcher)
        let result = try await withJobNetwork(label: label, options: options, logger: logger) { network in
            for perspective in [Perspective.server, .client] {
                let implementation = perspective == .server ? request.server : request.client
                let verdict = await environment.compliance.verdict(for: implementation.name, as: perspective) {
                    await endpoints.checkCompliance(of: perspective, in: network)
                }
                if case .notCompliant(let why) = verdict {
                    return JobOutcome(
                        status: .failed,
                        reason: "\(perspective.rawValue) \(implementation.name) is not compliant: \(why)")
                }
            }
            return try await endpoints.runPair(in: network, output: output)
        }
        guard result.status == .succeeded else { return result }
        let context = CheckContext(prepared: prepared, directories: directories, artifacts: folders.artifacts)
        let check = request.test.check(context)
        output.line("check: \(check.status.rawValue)\(check.reason.map { " (\($0))" } ?? "")")
        return JobOutcome(status: check.status, reason: check.reason, value: check.value)
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
}

extension Duration {
    /// The duration in seconds as a `Double`.
    var seconds: Double {
        let parts = components
        return Double(parts.seconds) + Double(parts.attoseconds) / 1e18
    }
}
