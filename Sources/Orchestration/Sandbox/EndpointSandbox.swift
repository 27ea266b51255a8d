import CLinuxSupport
import EndpointLauncher

#if canImport(Glibc)
    import Glibc
#endif

/// The sandbox of one run of a local-command endpoint: a user of its own, a scratch tmpfs for what it writes, a
/// `pids` cgroup when the machine has one, and the launcher request that confines it.
///
/// ``finish(after:logFile:)`` ends it: every process of the endpoint's user is killed (daemons included, wherever
/// they went), the limits it reached are read, what it wrote is copied to the job's folders, and the tmpfs and cgroup
/// are removed. ``discard()`` does the same without copying, for a launch that failed.
final class EndpointSandbox: Sendable {
    /// The user and group the endpoint runs as.
    let user: UInt32
    let limits: SandboxLimits
    let scratch: ScratchFolder
    let cgroup: EndpointCgroup?
    /// The job's folders the scratch's folders are copied to, by contract target (`/downloads`, `/logs`).
    let destinations: [String: String]

    /// Makes the sandbox of an endpoint whose contract folders are `binds` under `sandbox`'s settings, its scratch
    /// in `workspace`, named after `role` (`server`, `client`).
    init(binds: [LaunchRequest.Bind], role: String, workspace: String, in sandbox: RunSandbox) throws(JobSetupError) {
        user = sandbox.users.take()
        limits = sandbox.limits
        destinations = Dictionary(
            binds.filter { !$0.readOnly && ScratchFolder.folders[$0.target] != nil }.map { ($0.target, $0.source) },
            uniquingKeysWith: { first, _ in first })
        let name = "sandbox-\(role)-\(user)"
        scratch = try ScratchFolder(at: workspace + "/" + name, user: user, limits: limits)
        do throws(JobSetupError) {
            cgroup = try sandbox.cgroups?.make(name, limit: limits.processes)
        } catch {
            scratch.remove()
            throw error
        }
    }

    /// `request` confined: the writable contract folders are the scratch's, a private `/tmp` is bound last (after it,
    /// sources under the host's `/tmp` would resolve to it), and the user, cgroup and limits are set.
    ///
    /// The process limit is also RLIMIT_NPROC on the endpoint's own user: the only bound without a cgroup, and one
    /// above `pids.max` with one, so the cgroup refuses first and records it.
    func confine(_ request: LaunchRequest) -> LaunchRequest {
        var request = request
        request.binds = request.binds.map { bind in
            guard !bind.readOnly, let folder = scratch.folder(for: bind.target) else { return bind }
            return LaunchRequest.Bind(source: folder, target: bind.target, readOnly: false)
        }
        if let tmp = scratch.folder(for: "/tmp") {
            // An endpoint installed under the host's /tmp (a checkout there) would vanish behind the private /tmp: its
            // tree is bound read-only into the scratch's tmp first, and comes along with the (recursive) /tmp bind.
            for tree in Self.hostTmpTrees(holding: request.command.prefix(1) + [request.workingDirectory ?? "/"]) {
                let stage = tmp + tree.dropFirst("/tmp".count)
                var size: UInt64 = 0
                var kind: CChar = 0
                guard qir_file_size_and_kind(tree, &size, &kind) == 0 else { continue }
                // A bind needs a target of the source's kind: a folder for a folder, a file for a file.
                let made = kind == CChar(UInt8(ascii: "d")) ? mkdir(stage, 0o755) == 0 : Self.createFile(stage)
                if made || errno == EEXIST {
                    request.binds.append(LaunchRequest.Bind(source: tree, target: stage, readOnly: true))
                }
            }
            request.binds.append(LaunchRequest.Bind(source: tmp, target: "/tmp", readOnly: false))
        }
        request.confinement = LaunchRequest.Confinement(user: user, group: user)
        request.cgroup = cgroup?.path
        request.fileSizeLimit = limits.fileSize
        request.processLimit = UInt64(limits.processes) + (cgroup == nil ? 0 : 1)
        return request
    }

    /// The folders directly below the host's `/tmp` that hold one of `paths`, as given or with symbolic links
    /// resolved (a link under `/tmp` to a command elsewhere needs both), e.g. `/tmp/checkout` for
    /// `/tmp/checkout/ci/endpoints/quic-go/run_endpoint`.
    static func hostTmpTrees(holding paths: some Sequence<String>) -> [String] {
        var trees: [String] = []
        for path in paths where path.hasPrefix("/") {
            var forms = [path]
            if let resolved = realpath(path, nil) {
                forms.append(String(cString: resolved))
                free(resolved)
            }
            for form in forms {
                let parts = form.split(separator: "/", omittingEmptySubsequences: true)
                guard parts.count >= 2, parts[0] == "tmp" else { continue }
                let tree = "/tmp/" + parts[1]
                if !trees.contains(tree) { trees.append(tree) }
            }
        }
        return trees
    }

    /// Ends the sandbox after the endpoint `termination`: kills what is left, reads the limits reached, copies what
    /// it wrote to the job's folders and removes the scratch and cgroup. Notes in `logFile` (the endpoint's output)
    /// each limit reached and what was not copied.
    ///
    /// - Throws: ``JobSetupError`` when a process of the endpoint survives SIGKILL or its files cannot be copied.
    func finish(after termination: ProcessTermination, logFile: String) async throws(JobSetupError) -> [SandboxLimit] {
        defer { remove() }
        try await killEverything()
        var reached: [SandboxLimit] = []
        if scratch.isFull { reached.append(.writes(limits.writes)) }
        var largest = Self.size(of: logFile)
        var skipped = 0
        for (target, destination) in destinations.sorted(by: { $0.key < $1.key }) {
            guard let folder = scratch.folder(for: target) else { continue }
            let copied = try scratch.copyTree(folder, to: destination)
            largest = max(largest, copied.largest)
            skipped += copied.skipped
        }
        // RLIMIT_FSIZE stops a write at exactly the limit and sends SIGXFSZ, whose default action ends the process
        // (a shell reports 128 + the signal); an endpoint that ignores it gets EFBIG and leaves a file of that size.
        let xfsz = [ProcessTermination.signaled(SIGXFSZ), .exited(128 + SIGXFSZ)]
        if largest >= limits.fileSize || xfsz.contains(termination) { reached.append(.fileSize(limits.fileSize)) }
        if cgroup?.limitWasReached == true { reached.append(.processes(limits.processes)) }
        var notes = reached.map { "interop-runner: the endpoint reached \($0)" }
        if skipped > 0 {
            notes.append(
                "interop-runner: \(skipped) entries of /downloads and /logs were not copied (not a file or folder, or too deep)"
            )
        }
        Self.append(notes, to: logFile)
        return reached
    }

    /// Ends the sandbox of an endpoint that did not start: kills what may have started, removes the scratch and
    /// cgroup.
    func discard() async {
        _ = await UserProcesses.killAll(of: user)
        remove()
    }

    private func killEverything() async throws(JobSetupError) {
        let survivors = await UserProcesses.killAll(of: user)
        guard survivors.isEmpty else {
            throw JobSetupError(
                code: .sandbox, path: "user \(user)", detail: "processes \(survivors) survived SIGKILL")
        }
    }

    private func remove() {
        scratch.remove()
        cgroup?.remove()
    }

    private static func createFile(_ path: String) -> Bool {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { return false }
        close(descriptor)
        return true
    }

    private static func size(of path: String) -> UInt64 {
        var size: UInt64 = 0
        var kind: CChar = 0
        return qir_file_size_and_kind(path, &size, &kind) == 0 ? size : 0
    }

    private static func append(_ lines: [String], to path: String) {
        guard !lines.isEmpty else { return }
        let descriptor = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { return }
        defer { close(descriptor) }
        let bytes = Array(lines.map { $0 + "\n" }.joined().utf8)
        _ = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
    }
}
