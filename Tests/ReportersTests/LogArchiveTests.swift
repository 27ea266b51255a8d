import Foundation
import Results
import Testing

@testable import Reporters

@Suite struct LogArchiveTests {
    @Test func sanitizesNames() {
        #expect(LogArchive.sanitizedName("a\"b:c<d>e|f*g?h\\i") == "a_b_c_d_e_f_g_h_i")
        #expect(LogArchive.sanitizedName("tab\there") == "tab_here")
        #expect(LogArchive.sanitizedName("..") == "_")
        #expect(LogArchive.sanitizedName("quic-go_lsquic") == "quic-go_lsquic")
    }

    @Test func archivesTheLogTreeWithSafeUniqueNames() throws {
        let directory = try Fixtures.temporaryDirectory("archive")
        defer { try? FileManager.default.removeItem(at: directory) }
        let logs = directory.appendingPathComponent("logs")
        let files: [(String, String)] = [
            ("quic-go_lsquic/transfer/output.txt", "client exited with code 1\n"),
            ("quic-go_lsquic/transfer/client/qlog/conn:1.qlog", "{\"qlog_version\": \"0.3\"}"),
            ("quic-go_lsquic/transfer/sim/" + SimulatorCapture.clientSide, String(repeating: "\u{1}", count: 5000)),
            ("quic-go_lsquic/goodput/1/output.txt", "rep 1"),
            ("odd:dir/what?.txt", "question"),
            ("odd:dir/what*.txt", "star"),
        ]
        for (path, content) in files {
            let url = logs.appendingPathComponent(path)
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(content.utf8).write(to: url)
        }
        // The archive may live inside the tree it archives; it must not contain itself.
        let archive = logs.appendingPathComponent("logs.zip")
        let names = try LogArchive.create(from: logs, to: archive)
        #expect(names.contains("odd_dir/what_.txt") && names.contains("odd_dir/what_~1.txt"))
        #expect(names.contains("quic-go_lsquic/transfer/client/qlog/conn_1.qlog"))
        #expect(!names.contains { $0.contains("logs.zip") })

        let script = """
            import json, sys, zipfile
            with zipfile.ZipFile(sys.argv[1]) as z:
                assert z.testzip() is None
                print(json.dumps({i.filename: z.read(i).decode("utf-8") for i in z.infolist() if not i.is_dir()}))
            """
        let output = try Fixtures.run("/usr/bin/python3", ["-c", script, archive.path])
        try #require(output.status == 0, "python zipfile: \(output.stderr)")
        let entries = try #require(try JSONSerialization.jsonObject(with: output.stdout) as? [String: String])
        #expect(entries.count == files.count)
        #expect(entries["quic-go_lsquic/transfer/output.txt"] == "client exited with code 1\n")
        #expect(entries["quic-go_lsquic/transfer/sim/" + SimulatorCapture.clientSide]?.count == 5000)
        #expect(Set([entries["odd_dir/what_.txt"], entries["odd_dir/what_~1.txt"]]) == Set(["question", "star"]))
        for name in entries.keys {
            #expect(!name.contains { LogArchive.forbidden.contains($0) }, "\(name)")
        }
    }

    @Test func missingLogDirectoryIsAClearError() {
        let error = #expect(throws: ReportError.self) {
            try LogArchive.create(
                from: URL(fileURLWithPath: "/nonexistent/logs"), to: URL(fileURLWithPath: "/tmp/x.zip"))
        }
        #expect(error?.code == .archive)
        #expect(error?.message.contains("/nonexistent/logs") == true)
    }

    /// Captures are stored, text is deflated (read back by Python's `zipfile`).
    @Test func capturesAreStoredAndTextDeflated() throws {
        let directory = try Fixtures.temporaryDirectory("archive-methods")
        defer { try? FileManager.default.removeItem(at: directory) }
        let logs = directory.appendingPathComponent("logs")
        let files = [
            "a_b/transfer/sim/trace_node_left.pcap", "a_b/transfer/sim/trace.pcapng", "a_b/transfer/output.txt",
            "a_b/transfer/client/qlog/x.sqlog",
        ]
        for path in files {
            let url = logs.appendingPathComponent(path)
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(String(repeating: "compressible ", count: 400).utf8).write(to: url)
        }
        let archive = directory.appendingPathComponent("logs.zip")
        try LogArchive.create(from: logs, to: archive)
        let script = """
            import json, sys, zipfile
            with zipfile.ZipFile(sys.argv[1]) as z:
                print(json.dumps({i.filename: i.compress_type for i in z.infolist() if not i.is_dir()}))
            """
        let output = try Fixtures.run("/usr/bin/python3", ["-c", script, archive.path])
        try #require(output.status == 0, "python zipfile: \(output.stderr)")
        let methods = try #require(try JSONSerialization.jsonObject(with: output.stdout) as? [String: Int])
        // zipfile.ZIP_STORED is 0, ZIP_DEFLATED 8.
        #expect(
            methods == [
                "a_b/transfer/sim/trace_node_left.pcap": 0, "a_b/transfer/sim/trace.pcapng": 0,
                "a_b/transfer/output.txt": 8, "a_b/transfer/client/qlog/x.sqlog": 8,
            ])
    }
}
