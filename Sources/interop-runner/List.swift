import ArgumentParser
import Batch
import Foundation
import Results
import TestCatalog

/// `interop-runner list tests|implementations`.
struct List: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List test cases or implementations.",
        subcommands: [Tests.self, Implementations.self])

    /// `list tests [-p quic|webtransport] [--json]`.
    struct Tests: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract:
                "Every test case and measurement: name, abbreviation, status, TESTCASE per role, scenario, timeout.")

        @Option(name: [.customShort("p"), .customLong("protocol")], help: "quic or webtransport (default quic).")
        var protocolKind: WireProtocol = .quic

        @Flag(help: "Print JSON instead of a table.")
        var json = false

        func run() async throws {
            let rows = TestListing.rows(for: protocolKind)
            if json {
                print(String(decoding: TestListing.json(rows), as: UTF8.self))
                return
            }
            for row in rows {
                var kind = row.isMeasurement ? "measurement, \(row.repetitions) repetitions" : "test"
                if row.status == .experimental { kind += ", experimental: runs only when named" }
                print("\(row.name) (\(row.abbreviation), \(kind))")
                print("    \(row.description)")
                print("    TESTCASE client=\(row.testcase.client) server=\(row.testcase.server)")
                print("    scenario: \(row.scenario)")
                print("    timeout: \(row.timeoutSeconds) s")
            }
        }
    }

    /// `list implementations [--json]`.
    struct Implementations: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "The registries' entries.")

        @Option(name: [.customShort("p"), .customLong("protocol")], help: "quic or webtransport (default quic).")
        var protocolKind: WireProtocol = .quic

        @Option(name: .customLong("registry"), help: "A registry file (repeatable); replaces the default registries.")
        var registries: [String] = []

        @Flag(help: "Print JSON instead of a table.")
        var json = false

        func run() async throws {
            let paths = registries.isEmpty ? DefaultRegistries.paths(for: protocolKind) : registries
            let registry = try Registry.load(paths)
            if json {
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
                print(String(decoding: try encoder.encode(registry.implementations), as: UTF8.self))
                return
            }
            for entry in registry.implementations {
                var line = "\(entry.name) (\(entry.role.rawValue))"
                if let version = entry.version { line += " \(version)" }
                print(line)
                if let command = entry.command { print("    command: \(command)") }
                if let image = entry.image { print("    image: \(image)") }
                print("    url: \(entry.url)")
            }
        }
    }
}
