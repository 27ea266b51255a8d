import Batch
import Foundation
import Results
import Testing

@Suite struct RegistryTests {
    @Test func readsUpstreamFormatInOrderWithLocalFields() throws {
        let entries = try Registry.parse(registryJSON, file: "/reg/local.json")
        #expect(entries.map(\.name) == ["quic-go", "ngtcp2", "aioquic", "chrome", "picoquic"])
        #expect(entries[3].role == .client)
        #expect(entries[2].command == "/reg/endpoints/aioquic/run_endpoint")
        #expect(entries[2].image == nil)
    }

    @Test(arguments: ["quic.go", "quic_go", "", "a b", "ü"])
    func rejectsNamesThatBreakPaths(_ name: String) {
        let text = #"{"\#(name)": {"image": "x", "url": "u", "role": "both"}}"#
        #expect(throws: SpecProblems.self) { try Registry.parse(text, file: "r.json") }
    }

    @Test func badEntriesAreAllReported() {
        let text = """
            {
              "a_b": {"image": "x", "url": "u", "role": "both"},
              "c": {"url": "u", "role": "sometimes"},
              "d": {"image": "x", "role": "both", "tag": "t"}
            }
            """
        do {
            _ = try Registry.parse(text, file: "r.json")
            Issue.record("accepted a bad registry")
        } catch {
            let lines = error.description.split(separator: "\n").map(String.init)
            #expect(lines.count == 5)
            #expect(lines[0].hasPrefix("r.json:2:3: at a_b: implementation name \"a_b\" contains \".\" or \"_\""))
            #expect(
                lines.contains("r.json:3:29: at c.role: unknown role \"sometimes\"; expected client, server or both"))
            #expect(
                lines.contains { $0.hasSuffix("at c: needs an \"image\" (Docker) or a \"command\" (local endpoint)") })
            #expect(lines.contains { $0.hasSuffix("at d.tag: unknown key \"tag\"") })
            #expect(lines.contains { $0.hasSuffix("at d: missing \"url\"") })
        }
    }

    @Test func laterRegistriesExtendEarlierEntries() throws {
        var registry = Registry()
        registry.merge(try Registry.parse(registryJSON, file: "/a/r.json"))
        registry.merge(
            try Registry.parse(
                #"{"quic-go": {"url": "https://example.org/quic-go", "role": "both", "command": "/bin/true", "version": "0.29.1"}}"#,
                file: "/a/local.json"))
        #expect(registry.names == ["quic-go", "ngtcp2", "aioquic", "chrome", "picoquic"])
        #expect(registry["quic-go"]?.image == "quic-go:latest")
        #expect(registry["quic-go"]?.command == "/bin/true")
        #expect(registry["quic-go"]?.version == "0.29.1")
    }

    @Test func shippedRegistriesAreValid() throws {
        let root = packageRoot()
        for name in ["implementations_quic.json", "implementations_webtransport.json"] {
            let registry = try Registry.load(["\(root)/Registries/\(name)"])
            #expect(registry.names.count >= 5)
        }
    }
}

/// The repository root, found from this file's path.
func packageRoot(file: String = #filePath) -> String {
    var url = URL(fileURLWithPath: file)
    while url.path != "/" {
        url.deleteLastPathComponent()
        if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) { return url.path }
    }
    return "."
}
