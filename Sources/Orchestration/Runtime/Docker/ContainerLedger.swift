/// The endpoint containers of one job, removed together when the job's endpoints are done: one `docker rm` for the
/// job, off the path from the client's exit to the server's stop.
actor ContainerLedger {
    private var containers: [String] = []

    /// Notes a container the job created.
    func record(_ id: String) {
        containers.append(id)
    }

    /// Removes every recorded container (stopped or not); call once, uncancelled, when the job's endpoints are done.
    ///
    /// - Throws: ``DockerError`` when the daemon does not remove them.
    func removeAll(with docker: DockerCLI) async throws(DockerError) {
        guard !containers.isEmpty else { return }
        let ids = containers
        containers = []
        try await docker.call(["rm", "--force"] + ids)
    }
}
