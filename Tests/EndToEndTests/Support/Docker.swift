import Foundation

/// The Docker side of the end-to-end tests: the daemon, the local endpoint images `ci/docker/build-images.sh`
/// builds, and fixture images built here from them.
enum Docker {
    /// The local images, by implementation name, from `Registries/implementations_quic_local_images.json`.
    static let localImages: [String: String] = {
        let path = EndToEnd.repository + "/Registries/implementations_quic_local_images.json"
        guard let data = FileManager.default.contents(atPath: path),
            let entries = try? JSONSerialization.jsonObject(with: data) as? [String: [String: String]]
        else { return [:] }
        return entries.compactMapValues { $0["image"] }
    }()

    /// Runs `docker` with `arguments` and returns its status and standard output.
    @discardableResult
    static func run(_ arguments: [String], environment: [String: String] = [:]) -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["docker"] + arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            return (-1, "")
        }
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: output, as: UTF8.self))
    }

    /// What is missing for the Docker tests: the daemon or the local images (`ci/docker/build-images.sh`).
    static let missing: [String] = {
        guard run(["info"]).status == 0 else { return ["a running Docker daemon"] }
        let images = localImages.values.sorted()
        if images.isEmpty { return ["Registries/implementations_quic_local_images.json"] }
        return images.filter { run(["image", "inspect", $0]).status != 0 }
    }()

    /// Whether the Docker end-to-end tests can run here.
    static let canRun = EndToEnd.canRunEndpoints && missing.isEmpty

    /// The IDs of containers, running or not, started by runner process `pid` (by any runner without one).
    static func containers(of pid: Int32? = nil) -> [String] {
        let label = "org.quic-interop.runner.pid" + (pid.map { "=\($0)" } ?? "")
        return run(["ps", "--all", "--quiet", "--filter", "label=\(label)"]).output
            .split(separator: "\n").map(String.init)
    }

    /// The image `interop-e2e/<fixture>` whose entry point is the fixture endpoint `Fixtures/<fixture>/run_endpoint`
    /// on top of a local image (so it has the endpoint base's `/setup.sh`); the builder's cache makes a rebuild
    /// of an unchanged fixture instant.
    static func fixtureImage(_ fixture: String) throws -> String {
        let tag = "interop-e2e/\(fixture):latest"
        let script = try Data(contentsOf: URL(fileURLWithPath: EndToEnd.fixtures + "/\(fixture)/run_endpoint"))
        let context = try EndToEnd.temporaryFolder("image-\(fixture)")
        defer { try? FileManager.default.removeItem(atPath: context) }
        try script.write(to: URL(fileURLWithPath: context + "/run_endpoint.sh"))
        chmod(context + "/run_endpoint.sh", 0o755)
        let base = localImages["quic-go"] ?? "interop-local/quic-go"
        try """
        FROM \(base)
        COPY run_endpoint.sh /run_endpoint.sh
        ENTRYPOINT ["/run_endpoint.sh"]
        """.write(toFile: context + "/Dockerfile", atomically: true, encoding: .utf8)
        let built = run(["build", "--quiet", "--tag", tag, context], environment: ["DOCKER_BUILDKIT": "0"])
        guard built.status == 0 else { throw FixtureImageError(fixture: fixture) }
        return tag
    }
}

/// A fixture image could not be built.
struct FixtureImageError: Error, CustomStringConvertible {
    var fixture: String
    var description: String { "cannot build the fixture image of \(fixture)" }
}
