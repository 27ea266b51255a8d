import Foundation
public import Logging
public import Results
public import SystemPackage

/// What every job of one run shares: the helper executables, a private work folder, the host's mount points for the
/// endpoint contract, the endpoint sandbox's settings and the compliance verdicts. Built by
/// ``withRunEnvironment(images:pull:logger:_:)``.
public struct RunEnvironment: Sendable {
    /// `interop-endpoint-exec`, which starts each endpoint inside its job's namespaces.
    public var launcher: FilePath
    /// `interop-sim`, the link simulator.
    public var simulator: String
    /// A folder of this run's job workspaces (generated files, certificates); removed when the run ends.
    public var workRoot: String
    /// Whether each implementation answers an unknown test case with 127.
    public var compliance: ComplianceCache
    /// The Docker side of the run, when it starts any image.
    public var docker: DockerSupport?
    /// How local-command endpoints are sandboxed; the run sets ``RunSandbox/limits`` from its spec.
    public var sandbox: RunSandbox
    /// Hands out the short labels that make each job's namespace names unique within the run.
    let labels: LabelCounter
}

/// Prepares a run's shared environment, runs `body`, and always cleans up: removes the work folder, the mount
/// points this run created, its sandbox cgroups and its Docker namespace holders. Before anything, removes what
/// killed earlier runs left behind (namespaces, processes, mounts, sandbox cgroups, work folders, containers) and
/// logs it. With `images`, prepares Docker for them (daemon, image
/// IDs, pulling a missing image when `pull` is set, holder image); when that fails, ``RunEnvironment/docker`` says why and the jobs that need it are errors.
///
/// - Throws: `JobSetupError` or `NetworkError` when the machine cannot run jobs (missing helpers, not root).
public func withRunEnvironment<R: Sendable>(
    images: Set<String> = [],
    pull: Bool = true,
    logger: Logger,
    _ body: (RunEnvironment) async throws -> R
) async throws -> R {
    guard getuid() == 0 else {
        throw JobSetupError(
            code: .permission, path: "/run/netns",
            detail: "jobs need root: network namespaces, veths and mounts cannot be made otherwise")
    }
    // Containers first: a dead run's holders keep its attached namespaces' processes alive.
    if !images.isEmpty || DockerReaper.daemonMayRun, let docker = try? DockerCLI.locate() {
        await DockerReaper.reap(with: docker, logger: logger)
    }
    let reaped = await NetworkReaper.reap(logger: logger)
    let cgroups = await PidsCgroups.reapLeftovers()
    let workspaces = WorkspaceReaper.reap()
    if !reaped.isEmpty || !cgroups.folders.isEmpty || !workspaces.folders.isEmpty {
        logger.notice(
            "removed leftovers of killed runs",
            metadata: [
                "namespaces": "\(reaped.namespaces)", "processes": "\(reaped.processes + cgroups.processes)",
                "mounts": "\(reaped.mounts + workspaces.mounts)", "cgroups": "\(cgroups.folders)",
                "workspaces": "\(workspaces.folders)", "workspace_bytes": "\(workspaces.bytes)",
            ])
    }
    let launcher = try LauncherBinary.locate()
    guard let simulator = InteropSimLocator.locate() else {
        throw JobSetupError(code: .missingExecutable, path: "interop-sim", detail: "not found beside the runner")
    }
    let mountPoints = try EndpointMountPoints.ensure()
    let workRoot = WorkspaceReaper.newFolder()
    let cgroupFolder = PidsCgroups.prepare()
    if cgroupFolder == nil {
        logger.notice(
            """
            no cgroup v1 pids hierarchy: an endpoint's processes are bounded by RLIMIT_NPROC of its own user, \
            and a process limit it reaches is not named
            """)
    }
    defer {
        WorkFolder.remove(workRoot)
        mountPoints.removeCreated()
        cgroupFolder?.remove()
    }
    if let failure = try WorkFolder.make(at: workRoot) {
        logger.notice(
            "the work folder is not in memory: mounting a tmpfs failed",
            metadata: ["folder": "\(workRoot)", "error": "\(failure)"])
    }
    let docker = images.isEmpty ? nil : await DockerSupport.prepare(images: images, pull: pull, logger: logger)
    let environment = RunEnvironment(
        launcher: launcher, simulator: simulator, workRoot: workRoot, compliance: ComplianceCache(), docker: docker,
        sandbox: RunSandbox(limits: .defaults, cgroups: cgroupFolder), labels: LabelCounter())
    let result: Result<R, any Error>
    do {
        result = .success(try await body(environment))
    } catch {
        result = .failure(error)
    }
    await docker?.finish()
    return try result.get()
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

extension RunEnvironment {
    /// `program` with its image ID, once the run resolved it (a command, or an image that cannot be used, as is).
    public func resolved(_ program: EndpointProgram) -> EndpointProgram {
        guard program.runtime == .docker, case .success(let id)? = docker?.images[program.reference] else {
            return program
        }
        return .image(program.reference, id: id)
    }
}
