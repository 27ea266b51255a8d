import Foundation
import Testing

/// Bad input through the built binary: exit code 2, one clear line on standard error, nothing written.
@Suite struct BadInputTests {
    /// Runs the binary in a fresh matrix folder and checks the common promises; returns the error line.
    private func expectRefused(
        _ arguments: (Matrix) throws -> [String], prepare: (Matrix) throws -> Void = { _ in }
    ) async throws -> String {
        let matrix = try Matrix("bad-input")
        defer { matrix.remove() }
        try prepare(matrix)
        let before = try FileManager.default.subpathsOfDirectory(atPath: matrix.folder).sorted()
        let ending = try await RunnerProcess.run(try arguments(matrix), folder: matrix.io, limit: .seconds(30))
        let after = try FileManager.default.subpathsOfDirectory(atPath: matrix.folder)
            .filter { !$0.hasPrefix("io/") }.sorted()
        #expect(ending.status == 2, "\(ending.stderr)")
        let lines = ending.stderr.split(separator: "\n", omittingEmptySubsequences: true)
        #expect(lines.count == 1, "\(ending.stderr)")
        #expect(ending.stdout.isEmpty, "\(ending.stdout)")
        #expect(after == before.filter { !$0.hasPrefix("io/") }, "the refused run wrote files")
        return lines.first.map(String.init) ?? ""
    }

    @Test func unknownTest() async throws {
        let line = try await expectRefused { matrix in
            [
                "--registry", matrix.registry, "-s", "quic-go", "-c", "quic-go", "-t", "handshake,handshak",
                "--output-dir", matrix.output("out"),
            ]
        }
        #expect(line.contains("handshak") && line.contains("-t/--test"), "\(line)")
    }

    @Test func malformedSpec() async throws {
        let line = try await expectRefused(
            { matrix in ["--spec", matrix.folder + "/broken.yml"] },
            prepare: { matrix in
                try "servers: [quic-go\ntests: handshake\n".write(
                    toFile: matrix.folder + "/broken.yml", atomically: true, encoding: .utf8)
            })
        #expect(line.contains("broken.yml"), "\(line)")
    }

    @Test func existingLogDirectory() async throws {
        let line = try await expectRefused(
            { matrix in
                [
                    "--registry", matrix.registry, "-s", "quic-go", "-c", "quic-go", "-t", "handshake",
                    "-l", matrix.folder + "/old-logs", "--output-dir", matrix.output("out"),
                ]
            },
            prepare: { matrix in
                try FileManager.default.createDirectory(
                    atPath: matrix.folder + "/old-logs/quic-go_quic-go", withIntermediateDirectories: true)
            })
        #expect(line.contains("old-logs") && line.contains("already exists"), "\(line)")
    }

    @Test func unwritableOutputDirectory() async throws {
        let line = try await expectRefused(
            { matrix in
                [
                    "--registry", matrix.registry, "-s", "quic-go", "-c", "quic-go", "-t", "handshake",
                    "--output-dir", matrix.folder + "/a-file/out",
                ]
            },
            prepare: { matrix in
                try "not a folder".write(toFile: matrix.folder + "/a-file", atomically: true, encoding: .utf8)
            })
        #expect(line.contains("a-file/out"), "\(line)")
    }
}
