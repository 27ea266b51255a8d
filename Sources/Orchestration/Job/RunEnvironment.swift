import Foundation
public import Logging
public import SystemPackage

/// What every job of one run shares: the helper executables, a private work folder, the host's mount points for the
/// endpoint contract and the compliance verdicts. Built by ``withRunEnvironment(logger:_:)``.
public struct RunEnvironment: Sendable {
    /// `interop-endpoint-exec`, which starts each endpoint inside its job's namespaces.
    public var launcher: FilePath
    /// `interop-sim`, the link simulator.
    public var simulator: String
    /// A folder of this run's job workspaces (generated files, certificates); removed when the run ends.
    public var workRoot: String
    /// Whether each implementation answers an unknown test case with 127.
    public var compliance: ComplianceCache
    /// Hands out the short labels that make each job's namespace names unique within the run.
    let labels: LabelCounter
}

/// Prepares a run's shared environment, runs `body`, and always cleans up: removes the work folder and the mount
/// points this run created. Before anything, removes what killed earlier runs left behind and logs it.
///
/// - Throws: `JobSetupError` or `NetworkError` when the machine cannot run jobs (missing helpers, not root).
public func withRunEnvironment<R: Sendable>(
    logger: Logger,
    _ body: (RunEnvironment) async throws -> R
) async throws -> R {
    guard getuid() == 0 else {
        throw JobSetupError(
            code: .permission, path: "/run/netns",
            detail: "jobs need root: network namespaces, veths and mounts cannot be made otherwise")
    }
    let reaped = await NetworkReaper.reap(logger: logger)
    if !reaped.isEmpty {
        logger.notice(
            "removed leftovers of killed runs",
            metadata: [
                "namespaces": "\(reaped.namespaces)", "processes": "\(reaped.processes)", "mounts": "\(reaped.mounts)",
            ])
    }
    let launcher = try LauncherBinary.locate()
    guard let simulator = InteropSimLocator.locate() else {
        throw JobSetupError(code: .missingExecutable, path: "interop-sim", detail: "not found beside the runner")
    }
    let mountPoints = try EndpointMountPoints.ensure()
    let workRoot = NSTemporaryDirectory() + "interop-runner-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
    defer {
        try? FileManager.default.removeItem(atPath: workRoot)
        mountPoints.removeCreated()
    }
    do {
        try FileManager.default.createDirectory(atPath: workRoot, withIntermediateDirectories: true)
    } catch {
        throw JobSetupError(code: .directory, path: workRoot, detail: "\(error)")
    }
    let environment = RunEnvironment(
        launcher: launcher, simulator: simulator, workRoot: workRoot, compliance: ComplianceCache(),
        labels: LabelCounter())
    return try await body(environment)
}

/// A run-wide counter for job labels.
actor LabelCounter {
    private var next = 0

    /// The next label: `j0`, `j1`, …
    func take() -> String {
        defer { next += 1 }
        return "j\(next)"
    }
}
