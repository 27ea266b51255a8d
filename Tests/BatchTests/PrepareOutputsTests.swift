import Batch
import Foundation
import Results
import Testing

@Suite struct PrepareOutputsTests {
    private func batch(outputDir: String, logDir: String? = nil) throws -> BatchRun {
        let configuration = try configuration(tests: "handshake", clients: "aioquic", servers: "aioquic") {
            $0.outputDir = outputDir
            $0.logDir = logDir
        }
        return BatchRun(configuration: configuration, runnerVersion: "test")
    }

    /// The log folder appeared after the configuration was checked: `prepareOutputs` checks again and creates nothing.
    @Test func anExistingLogDirectoryIsRefusedAndNothingIsWritten() throws {
        let folder = try TemporaryFolder()
        let logs = folder.path + "/logs"
        let run = try batch(outputDir: folder.path + "/out", logDir: logs)
        try FileManager.default.createDirectory(atPath: logs, withIntermediateDirectories: true)
        #expect {
            try run.prepareOutputs()
        } throws: { error in
            (error as? RunnerError)?.code == .existingLogDir
                && "\(error)"
                    == "command line: at -l/--log-dir: the log folder \"\(logs)\" already exists; choose another with "
                    + "-l/--log-dir or remove it"
        }
        #expect(!FileManager.default.fileExists(atPath: folder.path + "/out"))
    }

    /// A file took the place of the output folder after the check: the run names it and creates nothing.
    @Test func anOutputFolderThatCannotBeCreatedNamesItself() throws {
        let folder = try TemporaryFolder()
        let run = try batch(outputDir: folder.path + "/plain-file/out")
        let file = try folder.write("plain-file", "x")
        #expect {
            try run.prepareOutputs()
        } throws: { error in
            (error as? RunnerError)?.code == .unwritableOutput
                && "\(error)".hasSuffix(
                    "\"\(file)\" is a file, not a folder, so the output folder cannot be written to \"\(file)/out\"")
        }
    }

    /// The case: an unwritable `-j` used to leave an empty log folder behind; now nothing is created when
    /// any output fails its check, whatever its order.
    @Test func aBadReportPathLeavesNoFolderBehind() throws {
        let folder = try TemporaryFolder()
        let configuration = try configuration(tests: "handshake", clients: "aioquic", servers: "aioquic") {
            $0.logDir = folder.path + "/logs"
            $0.json = folder.path + "/reports/result.json"
        }
        _ = try folder.write("reports", "a file where the folder of -j goes")
        #expect(throws: RunnerError.self) {
            try BatchRun(configuration: configuration, runnerVersion: "test").prepareOutputs()
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() == ["reports"])
    }

    @Test func createsTheOutputAndLogFolders() throws {
        let folder = try TemporaryFolder()
        let run = try batch(outputDir: folder.path + "/out")
        try run.prepareOutputs()
        #expect(FileManager.default.fileExists(atPath: folder.path + "/out/logs"))
    }
}
