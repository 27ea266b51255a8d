import Logging

/// The Docker side of a run, prepared once before its first job: the CLI, the daemon's answer, the image IDs, the
/// namespace holders. When Docker cannot be used, ``unavailable`` says why and every job that needs it ends as
/// `error` with that reason (jobs of local commands run as usual).
public final class DockerSupport: Sendable {
    /// Why no job can use Docker (no CLI, no daemon, no holder image), or `nil`.
    public let unavailable: DockerError?
    /// Each image reference the run uses, resolved to its ID or to why it cannot be used.
    public let images: [String: Result<String, DockerError>]
    let docker: DockerCLI?
    let holders: HolderPool?
    /// The containers' locked-memory limit.
    let memlock: Int

    private init(
        unavailable: DockerError?, images: [String: Result<String, DockerError>], docker: DockerCLI?,
        holders: HolderPool?, memlock: Int = MemlockLimit.upstream
    ) {
        self.unavailable = unavailable
        self.images = images
        self.docker = docker
        self.holders = holders
        self.memlock = memlock
    }

    /// Finds the CLI, asks the daemon, builds the holder image if needed and resolves `images` (pulling a missing one
    /// when `pull` is set).
    static func prepare(images references: Set<String>, pull: Bool, logger: Logger) async -> DockerSupport {
        let docker: DockerCLI
        do {
            docker = try DockerCLI.locate()
            let version = try await docker.daemonVersion()
            logger.debug("Docker daemon \(version)")
            let holderImage = try await HolderImage.ensure(with: docker)
            let images = await DockerImages.resolve(references, pull: pull, with: docker, logger: logger)
            let memlock = MemlockLimit.forContainers()
            if memlock.reduced {
                logger.notice(
                    "containers get a memlock limit of \(memlock.bytes) bytes, not upstream's \(MemlockLimit.upstream): this machine withholds CAP_SYS_RESOURCE"
                )
            }
            return DockerSupport(
                unavailable: nil, images: images, docker: docker,
                holders: HolderPool(docker: docker, image: holderImage, logger: logger), memlock: memlock.bytes)
        } catch {
            logger.error("the docker runtime cannot run: \(error.message)")
            return DockerSupport(unavailable: error, images: [:], docker: nil, holders: nil)
        }
    }

    /// Why each of `references` that cannot be used now cannot (not on this machine, or no daemon to ask), without
    /// pulling anything: what `validate` reports.
    public static func unusableImages(_ references: Set<String>) async -> [String: DockerError] {
        guard !references.isEmpty else { return [:] }
        let docker: DockerCLI
        do {
            docker = try DockerCLI.locate()
            _ = try await docker.daemonVersion()
        } catch {
            return Dictionary(uniqueKeysWithValues: references.map { ($0, error) })
        }
        var unusable: [String: DockerError] = [:]
        for reference in references.sorted() {
            do {
                _ = try await DockerImages.inspect(reference, with: docker)
            } catch {
                unusable[reference] = DockerError(
                    .imageMissing,
                    "image \(reference) is not on this machine; pull or build it (docker pull \(reference)) before the run, which would otherwise try to pull it"
                )
            }
        }
        return unusable
    }

    /// The image ID of `reference`.
    ///
    /// - Throws: ``DockerError`` saying why the image cannot be used.
    func imageID(of reference: String) throws(DockerError) -> String {
        if let unavailable { throw unavailable }
        guard let resolved = images[reference] else {
            throw DockerError(.imageMissing, "image \(reference) was not resolved before the run")
        }
        return try resolved.get()
    }

    /// Runs `body` with a namespace holder for each of `hosts` and the runtime that starts containers in them; then,
    /// also when `body` throws or the task is cancelled, removes the containers the runtime made and takes the holders
    /// back (clean ones return to the pool).
    ///
    /// - Throws: ``DockerError`` when Docker is unavailable or a holder cannot be started; what `body` throws.
    func withHolders<R: Sendable>(
        _ hosts: [NetworkHost], gracePeriod: Duration,
        _ body: ([NetworkHost: Holder], DockerRuntime) async throws -> R
    ) async throws -> R {
        guard let docker, let pool = holders else {
            throw unavailable ?? DockerError(.daemonUnreachable, "Docker was not prepared for this run")
        }
        let ledger = ContainerLedger()
        var taken: [NetworkHost: Holder] = [:]
        let result: Result<R, any Error>
        do {
            for host in hosts { taken[host] = try await pool.take(host) }
            let runtime = DockerRuntime(
                docker: docker, holders: taken, gracePeriod: gracePeriod, memlock: memlock, ledger: ledger)
            result = .success(try await body(taken, runtime))
        } catch {
            result = .failure(error)
        }
        // The containers go first: a holder is clean only once nothing of the job is left in its namespace.
        let holders = Array(taken.values)
        let removal = await Task.detached { () -> DockerError? in
            var failure: DockerError?
            do throws(DockerError) {
                try await ledger.removeAll(with: docker)
            } catch {
                failure = error
            }
            for holder in holders { await pool.give(holder) }
            return failure
        }.value
        let value = try result.get()
        if let removal { throw removal }
        return value
    }

    /// Removes the run's idle holders and any container of the run a job could not remove; call once after the
    /// last job.
    func finish() async {
        await holders?.drain()
        guard let docker else { return }
        await DockerReaper.removeContainers(ofRun: JobNetwork.runToken, with: docker)
    }
}
