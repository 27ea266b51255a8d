import Batch
import Foundation
import Testing

/// Reading a spec: what is not a spec file is one problem that says why (the issue: "(NSCocoaErrorDomain error 256.)"
/// for a directory, "isn't in the correct format" for Latin-1).
@Suite struct InputFileTests {
    private func loadProblem(_ path: String) -> String {
        do {
            _ = try MatrixSpec.load(from: path)
            return "loaded"
        } catch {
            return error.description
        }
    }

    @Test func aDirectoryIsNamedAsOne() throws {
        let folder = try TemporaryFolder()
        #expect(loadProblem(folder.path) == "\(folder.path): is a directory, not a spec file")
    }

    @Test func latin1TextIsNotUTF8AndSaysWhere() throws {
        let folder = try TemporaryFolder()
        let path = folder.path + "/m.yml"
        try Data("jobs: 2\n# caf\u{E9}\n".data(using: .isoLatin1)!).write(to: URL(fileURLWithPath: path))
        #expect(
            loadProblem(path)
                == "\(path):2:6: not UTF-8 text: byte 0xE9 cannot start or continue a character (save the file as UTF-8)"
        )
    }

    @Test func devicesAndHugeFilesAreNotRead() throws {
        #expect(
            loadProblem("/dev/zero") == "/dev/zero: is not a regular file (a device, pipe or socket), not a spec file")
        let folder = try TemporaryFolder()
        let big = try folder.write("big.yml", String(repeating: "# padding\n", count: 120_000))
        #expect(loadProblem(big) == "\(big): is 1200000 bytes; a spec file is at most 256 KiB")
    }

    @Test func aByteOrderMarkIsSkipped() throws {
        let folder = try TemporaryFolder()
        let path = try folder.write("m.yml", "\u{FEFF}jobs: 3\n")
        #expect(try MatrixSpec.load(from: path).jobs == 3)
    }
}
