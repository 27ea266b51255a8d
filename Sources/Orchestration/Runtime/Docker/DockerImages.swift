import Logging

/// Resolves the images a run uses to their IDs once, before the first job: an image that is not on the machine is
/// pulled (as `docker run` would), and one that cannot be had is an error for the jobs that need it.
enum DockerImages {
    /// The ID of every reference in `references`, or why it cannot be used; a missing one is pulled with `pull`.
    static func resolve(
        _ references: Set<String>, pull: Bool, with docker: DockerCLI, logger: Logger
    ) async -> [String: Result<String, DockerError>] {
        await withTaskGroup(of: (String, Result<String, DockerError>).self) { group in
            for reference in references {
                group.addTask { (reference, await resolve(reference, pull: pull, with: docker, logger: logger)) }
            }
            var resolved: [String: Result<String, DockerError>] = [:]
            for await (reference, result) in group { resolved[reference] = result }
            return resolved
        }
    }

    private static func resolve(
        _ reference: String, pull: Bool, with docker: DockerCLI, logger: Logger
    ) async -> Result<String, DockerError> {
        if let id = try? await inspect(reference, with: docker) { return .success(id) }
        guard pull else {
            return .failure(
                DockerError(
                    .imageMissing,
                    "image \(reference) is not on this machine (--pull never); pull or build it first (docker pull \(reference)), or replace it with -r NAME=IMAGE"
                ))
        }
        logger.notice("image \(reference) is not on this machine; pulling it")
        do {
            try await docker.call(["pull", "--quiet", reference], failing: .imageMissing, timed: false)
            return .success(try await inspect(reference, with: docker))
        } catch {
            return .failure(
                DockerError(
                    .imageMissing,
                    "image \(reference) is not on this machine and could not be pulled (\(error.message)); pull or build it first (docker pull \(reference)), or replace it with -r NAME=IMAGE"
                ))
        }
    }

    /// The image's ID (`sha256:…`).
    static func inspect(_ reference: String, with docker: DockerCLI) async throws(DockerError) -> String {
        try await docker.call(["image", "inspect", "--format", "{{.Id}}", reference], failing: .imageMissing)
    }
}
