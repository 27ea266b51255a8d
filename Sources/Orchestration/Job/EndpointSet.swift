import EndpointLauncher
import Foundation
import Results
import SystemPackage
import TestCatalog

/// The two endpoints of one job and how to start them under the endpoint contract.
struct EndpointSet: Sendable {
    let request: JobRequest
    let prepared: PreparedTest
    let directories: JobDirectories
    let folders: JobFolders
    let launcher: FilePath

    /// How long a compliance check may take: an endpoint asked for an unknown test case should exit at once.
    static let complianceTimeout: Duration = .seconds(30)

    /// The launch of `perspective`'s endpoint with `testcase`, its `/logs` in `logs`.
    func launch(_ perspective: Perspective, in network: JobNetwork, testcase: String, logs: String) -> LaunchRequest {
        let implementation = perspective == .server ? request.server : request.client
        let host: NetworkHost = perspective == .server ? .server : .client
        let www = perspective == .server ? directories.serverWWW : directories.clientWWW
        let downloads = perspective == .server ? directories.serverDownloads : directories.clientDownloads
        var environment = [
            "ROLE": perspective.rawValue,
            "TESTCASE": testcase,
            "REQUESTS": prepared.requests(for: perspective),
            "PROTOCOLS": prepared.protocols(for: perspective),
            "SSLKEYLOGFILE": "/logs/keys.log",
            "QLOGDIR": "/logs/qlog/",
        ]
        environment[perspective == .server ? "SERVER_PARAMS" : "CLIENT_PARAMS"] = ""
        return LaunchRequest(
            networkNamespace: network.namespacePath(host),
            binds: [
                .init(source: www.path, target: "/www", readOnly: true),
                .init(source: downloads.path, target: "/downloads", readOnly: false),
                .init(source: folders.certificates, target: "/certs", readOnly: true),
                .init(source: logs, target: "/logs", readOnly: false),
            ],
            hostsFile: network.hostsFile(host),
            environment: environment.sorted { $0.key < $1.key }.map { .init(name: $0.key, value: $0.value) },
            workingDirectory: "/",
            command: [implementation.command ?? "/nonexistent"])
    }

    /// Upstream's compliance check: asked for a random test case, the endpoint must exit with 127.
    func checkCompliance(of perspective: Perspective, in network: JobNetwork) async -> ComplianceCache.Verdict {
        let testcase = "compliance-check-\(UInt32.random(in: 0...UInt32.max))"
        let scratch = folders.workspace + "/compliance-\(perspective.rawValue)"
        try? FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true)
        // What the endpoint prints goes into the job's log folder: a non-compliant endpoint's words explain why.
        let command = ProcessCommand.endpoint(
            launcher: launcher, request: launch(perspective, in: network, testcase: testcase, logs: scratch),
            logFile: FilePath(folders.logDir + "/compliance-\(perspective.rawValue).out.txt"))
        let termination = await withTaskGroup(of: ProcessTermination?.self) { group in
            group.addTask { try? await runProcessGroup(command) }
            group.addTask {
                try? await Task.sleep(for: Self.complianceTimeout)
                return nil
            }
            let first = await group.next() ?? nil
            group.cancelAll()
            return first
        }
        switch termination {
        case .exited(127)?: return .compliant
        case let other?: return .notCompliant("TESTCASE=\(testcase) \(other), expected exit status 127")
        case nil: return .notCompliant("TESTCASE=\(testcase) did not end within \(Self.complianceTimeout)")
        }
    }

    /// Runs the server, then the client once the server listens, then stops the server; judges the exits.
    func runPair(in network: JobNetwork, output: JobOutput) async throws -> JobOutcome {
        let server = ProcessCommand.endpoint(
            launcher: launcher,
            request: launch(.server, in: network, testcase: prepared.serverTestcase, logs: folders.serverLogs),
            logFile: FilePath(folders.serverOutput))
        let client = ProcessCommand.endpoint(
            launcher: launcher,
            request: launch(.client, in: network, testcase: prepared.clientTestcase, logs: folders.clientLogs),
            logFile: FilePath(folders.clientOutput))
        output.line("server command: \(server.commandLine)")
        output.line("client command: \(client.commandLine)")
        output.line("starting server \(request.server.name)")
        if request.test.protocolKind == .webtransport {
            return try await runUntilEitherExits(server: server, client: client, in: network, output: output)
        }
        let (clientTermination, serverTermination) = try await withProcessGroup(server) { group in
            let wait = try await waitForUDPPort(
                443, process: group.pid, networkNamespace: FilePath(network.namespacePath(.server)),
                timeout: request.timeout)
            guard case .bound(let after) = wait else { return ProcessTermination?.none }
            output.line("server listens on UDP 443 after \(after); starting client \(request.client.name)")
            let termination = try await runProcessGroup(client)
            output.line("client \(termination)")
            return termination
        }
        output.line("server \(serverTermination)")
        return Self.judge(client: clientTermination, server: serverTermination)
    }

    /// The verdict of the exits, as upstream reads `docker compose` output: any 127 is `unsupported`, a client that
    /// exited with 0 goes on to the checks, and everything else failed. 126 is the launcher's own failure.
    static func judge(client: ProcessTermination?, server: ProcessTermination) -> JobOutcome {
        if client == .exited(127) { return JobOutcome(status: .unsupported, reason: "client exited with status 127") }
        if server == .exited(127) { return JobOutcome(status: .unsupported, reason: "server exited with status 127") }
        if client == .exited(126) || server == .exited(126) {
            return JobOutcome(status: .error, reason: "interop-endpoint-exec could not start an endpoint (exit 126)")
        }
        guard let client else {
            return JobOutcome(status: .failed, reason: "server \(server) before listening on UDP port 443")
        }
        if client.isSuccess { return JobOutcome(status: .succeeded) }
        return JobOutcome(status: .failed, reason: "client \(client)")
    }
}

extension EndpointSet {
    /// How a WebTransport pair ended: each side's termination, and which side exited on its own first.
    struct PairEnding: Sendable, Equatable {
        /// `nil` when the server ended before it listened, so the client never started.
        var client: ProcessTermination?
        var server: ProcessTermination
        /// The side whose exit ended the pair; the other one was stopped (SIGTERM, then SIGKILL).
        var firstToExit: Perspective
    }

    /// What a WebTransport pair's race reports first.
    private enum PairEvent: Sendable {
        case clientEnded(ProcessTermination)
        case serverExited
    }

    /// Upstream's `docker compose up --abort-on-container-exit` for WebTransport: the pair ends as soon as either
    /// endpoint exits (in a WebTransport test either side may finish first) and the other is stopped.
    private func runUntilEitherExits(
        server: ProcessCommand, client: ProcessCommand, in network: JobNetwork, output: JobOutput
    ) async throws -> JobOutcome {
        let (ending, serverTermination) = try await withProcessGroup(server) { group in
            let wait = try await waitForUDPPort(
                443, process: group.pid, networkNamespace: FilePath(network.namespacePath(.server)),
                timeout: request.timeout)
            guard case .bound(let after) = wait else { return (ProcessTermination?.none, Perspective.server) }
            output.line("server listens on UDP 443 after \(after); starting client \(request.client.name)")
            return try await withThrowingTaskGroup(of: PairEvent.self) { race in
                race.addTask { .clientEnded(try await runProcessGroup(client)) }
                race.addTask {
                    try await waitForExit(of: group.pid)
                    return .serverExited
                }
                guard let first = try await race.next() else { return (nil, Perspective.server) }
                // Cancelling stops the server's watch, or tears the client down (runProcessGroup then returns).
                race.cancelAll()
                switch first {
                case .clientEnded(let termination):
                    output.line("client \(termination) first; stopping the server")
                    return (termination, Perspective.client)
                case .serverExited:
                    output.line("server exited first; stopping the client")
                    while let next = try await race.next() {
                        if case .clientEnded(let termination) = next {
                            output.line("client \(termination)")
                            return (termination, Perspective.server)
                        }
                    }
                    return (nil, Perspective.server)
                }
            }
        }
        output.line("server \(serverTermination)")
        return Self.judgeEither(
            PairEnding(client: ending.0, server: serverTermination, firstToExit: ending.1))
    }

    /// The verdict of a WebTransport pair's exits, as upstream's `_run_test` reads `docker compose` output: any 127 is
    /// `unsupported`; the checks run when the endpoint that ended the pair exited with 0 on its own; everything else
    /// failed. The endpoint that was stopped afterwards decides nothing. 126 is the launcher's own failure.
    static func judgeEither(_ ending: PairEnding) -> JobOutcome {
        if ending.client == .exited(127) {
            return JobOutcome(status: .unsupported, reason: "client exited with status 127")
        }
        if ending.server == .exited(127) {
            return JobOutcome(status: .unsupported, reason: "server exited with status 127")
        }
        if ending.client == .exited(126) || ending.server == .exited(126) {
            return JobOutcome(status: .error, reason: "interop-endpoint-exec could not start an endpoint (exit 126)")
        }
        guard let client = ending.client else {
            if ending.server.isSuccess { return JobOutcome(status: .succeeded) }
            return JobOutcome(status: .failed, reason: "server \(ending.server) before listening on UDP port 443")
        }
        let first = ending.firstToExit == .client ? client : ending.server
        if first.isSuccess { return JobOutcome(status: .succeeded) }
        let stopped =
            ending.firstToExit == .client ? "server was stopped (\(ending.server))" : "client was stopped (\(client))"
        return JobOutcome(status: .failed, reason: "\(ending.firstToExit.rawValue) \(first) first; the \(stopped)")
    }
}

extension ProcessCommand {
    /// The command as one shell-like line for the job's output (arguments with spaces quoted).
    var commandLine: String {
        ([executable.string] + arguments).map { $0.contains(" ") || $0.isEmpty ? "'\($0)'" : $0 }
            .joined(separator: " ")
    }
}
