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

    @Test func anExistingLogDirectoryIsRefusedAndNothingIsWritten() throws {
        let folder = try TemporaryFolder()
        let logs = folder.path + "/logs"
        try FileManager.default.createDirectory(atPath: logs, withIntermediateDirectories: true)
        let run = try batch(outputDir: folder.path + "/out", logDir: logs)
        #expect {
            try run.prepareOutputs()
        } throws: { error in
            (error as? RunnerError)?.code == .existingLogDir
                && "\(error)" == "log directory \(logs) already exists; choose another with -l/--log-dir or remove it"
        }
        #expect(!FileManager.default.fileExists(atPath: folder.path + "/out"))
    }

    @Test func anOutputFolderThatCannotBeCreatedNamesItself() throws {
        let folder = try TemporaryFolder()
        let file = try folder.write("plain-file", "x")
        let run = try batch(outputDir: file + "/out")
        #expect {
            try run.prepareOutputs()
        } throws: { error in
            (error as? RunnerError)?.code == .unwritableOutput
                && "\(error)".contains("cannot create the folder \(file)/out")
        }
    }

    @Test func createsTheOutputAndLogFolders() throws {
        let folder = try TemporaryFolder()
        let run = try batch(outputDir: folder.path + "/out")
        try run.prepareOutputs()
        #expect(FileManager.default.fileExists(atPath: folder.path + "/out/logs"))
    }
}
