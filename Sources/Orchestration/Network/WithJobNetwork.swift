public import Logging

/// Runs `body` with a fresh, isolated network for one job and always removes it afterwards.
///
/// Builds the client, server and simulator namespaces (plus the iperf hosts with `options.crossTraffic`), starts
/// `interop-sim` with the scenario and waits until it forwards, then calls `body`. Whatever happens — `body`
/// returns or throws, the task is cancelled, the simulator dies — every process in the job's namespaces is
/// killed and the namespaces, their veths and hosts files are removed before this returns (the teardown runs in
/// an uncancelled task). Run endpoints inside with ``JobNetwork/command(in:_:_:)``.
///
/// - Parameters:
///   - label: Distinguishes this job within the run (e.g. its index); part of every name.
///   - options: Scenario, seed, cross traffic, where the simulator writes its output and captures.
///   - logger: Receives set-up and teardown events with the job's metadata.
public func withJobNetwork<R: Sendable>(
    label: String, options: JobNetworkOptions, logger: Logger, _ body: (JobNetwork) async throws -> R
) async throws -> R {
    let network = JobNetwork(label: label, options: options)
    var logger = logger
    logger[metadataKey: "network"] = "\(network.tag)"
    let result: Result<R, any Error>
    do {
        try await network.create()
        let value = try await SimulatorProcess.run(network: network, options: options, logger: logger) {
            if options.crossTraffic {
                return try await CrossTraffic.run(network: network) { try await body(network) }
            }
            return try await body(network)
        }
        result = .success(value)
    } catch {
        result = .failure(error)
    }
    // A detached task is not cancelled with the caller, so the teardown always completes.
    let teardown = await Task.detached { () -> NetworkError? in
        do throws(NetworkError) {
            try await network.destroy()
            return nil
        } catch {
            return error
        }
    }.value
    if let teardown {
        logger.error("teardown incomplete", metadata: ["error": "\(teardown)"])
        if case .success = result { throw teardown }
    }
    return try result.get()
}
