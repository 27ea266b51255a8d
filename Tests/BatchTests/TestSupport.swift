import Batch
import Foundation
import Results
import TestCatalog

/// The real QUIC menu: Batch is tested against the catalog it runs.
let sampleMenu = TestMenu(catalogFor: .quic)

/// A temporary folder removed when the value is dropped by the test.
final class TemporaryFolder {
    let path: String

    init() throws {
        let template = NSTemporaryDirectory() + "batch-tests-XXXXXX"
        var bytes = Array(template.utf8CString)
        guard mkdtemp(&bytes) != nil else { throw POSIXError(.EIO) }
        path = String(decoding: bytes.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }

    /// Writes `registryJSON` as `registry.json` with the local endpoint it names (an executable script), so every
    /// entry with a command can be started; returns the registry's path.
    func writeSampleRegistry() throws -> String {
        try FileManager.default.createDirectory(
            atPath: path + "/endpoints/aioquic", withIntermediateDirectories: true)
        let endpoint = try write("endpoints/aioquic/run_endpoint", "#!/bin/sh\nexit 127\n")
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: endpoint)
        return try write("registry.json", registryJSON)
    }

    /// Writes `text` to `name` inside the folder and returns its path.
    @discardableResult
    func write(_ name: String, _ text: String) throws -> String {
        let file = (path as NSString).appendingPathComponent(name)
        try text.write(toFile: file, atomically: true, encoding: .utf8)
        return file
    }
}

let registryJSON = """
    {
      "quic-go": {"image": "quic-go:latest", "url": "https://example.org/quic-go", "role": "both", "command": "/bin/true"},
      "ngtcp2": {"image": "ngtcp2:latest", "url": "https://example.org/ngtcp2", "role": "both", "command": "/bin/true"},
      "aioquic": {"url": "https://example.org/aioquic", "role": "both", "command": "endpoints/aioquic/run_endpoint"},
      "chrome": {"image": "chrome", "url": "https://example.org/chrome", "role": "client"},
      "picoquic": {"image": "picoquic", "url": "https://example.org/picoquic", "role": "server"}
    }
    """

/// An environment whose default registry is `registry` and whose clock and seed are fixed.
func environment(registry: String) -> RunConfiguration.Environment {
    RunConfiguration.Environment(
        defaultRegistries: { _ in [registry] },
        menu: { _ in sampleMenu },
        cores: 2,
        now: Date(timeIntervalSince1970: 0),
        randomSeed: { 7 }
    )
}

/// A configuration over `registryJSON` with the given upstream-style selections.
func configuration(
    tests: String, clients: String, servers: String, seed: UInt64 = 1, adjust: (inout RunOptions) -> Void = { _ in }
) throws -> RunConfiguration {
    let folder = try TemporaryFolder()
    let registry = try folder.writeSampleRegistry()
    var options = RunOptions()
    options.tests = tests
    options.clients = clients
    options.servers = servers
    options.seed = seed
    adjust(&options)
    return try RunConfiguration.resolve(options: options, spec: nil, environment: environment(registry: registry))
}
