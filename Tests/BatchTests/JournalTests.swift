import Batch
import Foundation
import Results
import Testing

@Suite struct JournalTests {
    private func result(_ test: String) -> JobResult {
        JobResult(
            id: JobID(server: "s", client: "c", test: test), status: .failed, reason: "file 1 differs",
            start: Date(timeIntervalSince1970: 1_700_000_000.25), duration: 1.5, seed: 42)
    }

    @Test func roundTripsAndSkipsALineCutByAKill() throws {
        let folder = try TemporaryFolder()
        let path = folder.path + "/journal.jsonl"
        let journal = try Journal(path: path)
        try journal.append(result("handshake"))
        try journal.append(result("transfer"))
        // What a kill in the middle of a write leaves behind.
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        handle.seekToEndOfFile()
        handle.write(Data(#"{"duration":1,"id":{"client""#.utf8))
        try handle.close()
        let read = try Journal.read(path: path)
        #expect(read == [result("handshake"), result("transfer")])
    }

    @Test func unwritableJournalIsARunnerError() {
        #expect {
            try Journal(path: "/nonexistent-folder/journal.jsonl")
        } throws: { error in
            (error as? RunnerError)?.code == .unwritableOutput
                && "\(error)"
                    == "cannot create the journal /nonexistent-folder/journal.jsonl: No such file or directory"
        }
    }
}
