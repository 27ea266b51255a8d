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

    /// `list implementations [--runtime R] [--json]`.
    struct Implementations: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "The registries' entries, and what each runs as under the runtime.")

        @Option(name: [.customShort("p"), .customLong("protocol")], help: "quic or webtransport (default quic).")
        var protocolKind: WireProtocol = .quic

        @Option(name: .customLong("registry"), help: "A registry file (repeatable); replaces the default registries.")
        var registries: [String] = []

        @Option(help: "process, docker or auto (default auto): the runtime whose choice is shown.")
        var runtime: Runtime = .auto

        @Flag(help: "Print JSON instead of a table.")
        var json = false

        /// An entry and what it runs as (`nil`: the runtime cannot start it).
        struct Row: Encodable {
            var implementation: Implementation
            var program: EndpointProgram?

            func encode(to encoder: any Encoder) throws {
                try implementation.encode(to: encoder)
                var container = encoder.container(keyedBy: Key.self)
                try container.encode(program, forKey: .program)
            }

            private enum Key: String, CodingKey { case program }
        }

        func run() async throws {
            let paths = registries.isEmpty ? DefaultRegistries.paths(for: protocolKind) : registries
            let registry = try Registry.load(paths)
            let rows = registry.implementations.map {
                Row(implementation: $0, program: runtime.program(for: $0, imageReplaced: false))
            }
            if json {
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
                print(String(decoding: try encoder.encode(rows), as: UTF8.self))
                return
            }
            for row in rows {
                let entry = row.implementation
                var line = "\(entry.name) (\(entry.role.rawValue))"
                if let version = entry.version { line += " \(version)" }
                print(line)
                if let program = row.program {
                    print("    runs as: \(program) (\(program.runtime.rawValue) runtime)")
                } else {
                    print("    runs as: nothing under --runtime \(runtime.rawValue)")
                }
                if let command = entry.command { print("    command: \(command)") }
                if let image = entry.image { print("    image: \(image)") }
                print("    url: \(entry.url)")
            }
        }
    }
}
