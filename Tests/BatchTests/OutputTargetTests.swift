import Batch
import Foundation
import Testing

/// Every output is checked before anything is written: the issue's `-j` on a folder (a raw NSCocoaErrorDomain after
/// every job), an unwritable `-j` (an empty `logs/` left behind), and the cases around them.
@Suite struct OutputTargetTests {
    private func target(_ path: String, _ kind: OutputTarget.Kind, _ flag: String = "-j/--json") -> OutputTarget {
        OutputTarget(Located(path, file: "command line", path: flag), kind, role: "result.json")
    }

    private func messages(_ targets: [OutputTarget]) -> [String] {
        OutputTarget.problems(targets).map(\.description)
    }

    @Test func writablePlacesPassAndNothingIsLeft() throws {
        let folder = try TemporaryFolder()
        let existing = try folder.write("old.json", "{}")
        #expect(
            messages([
                target(folder.path + "/new/deeper/result.json", .file), target(existing, .file),
                target(folder.path, .folder), target(folder.path + "/logs", .newFolder),
            ]) == [])
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["old.json"])
    }

    @Test func eachWrongPlaceIsNamedAtItsFlag() throws {
        let folder = try TemporaryFolder()
        let file = try folder.write("a-file", "x")
        #expect(
            messages([target(folder.path, .file)])
                == [#"command line: at -j/--json: "\#(folder.path)" is a folder, but result.json is a file"#])
        #expect(
            messages([target(file, .folder)])
                == [#"command line: at -j/--json: "\#(file)" is a file, but result.json is a folder"#])
        #expect(
            messages([target(file + "/deeper/result.json", .file)]) == [
                #"command line: at -j/--json: "\#(file)" is a file, not a folder, so result.json cannot be written to "\#(file)/deeper/result.json""#
            ])
        #expect(
            messages([target(folder.path, .newFolder)]) == [
                #"command line: at -j/--json: result.json "\#(folder.path)" already exists; choose another with -l/--log-dir or remove it"#
            ])
        #expect(messages([target("/dev/null", .file)]).first?.contains("is not a regular file") == true)
        #expect(messages([target("", .file)]) == ["command line: at -j/--json: result.json needs a path (it is empty)"])
    }

    /// Root passes every permission check, yet `/proc` refuses new files: only a real attempt tells.
    @Test func aFolderThatRefusesFilesIsNamed() {
        #expect(
            messages([target("/proc/result.json", .file)]).first?.hasPrefix(
                #"command line: at -j/--json: cannot write in the folder "/proc": "#) == true)
    }

    @Test func twoOutputsOnOnePathAreRefused() throws {
        let folder = try TemporaryFolder()
        let first = OutputTarget(
            Located(folder.path + "/r.json", file: "m.yml", path: "output.json", line: 3, column: 9), .file,
            role: "result.json")
        let second = OutputTarget(
            Located(folder.path + "/./r.json", file: "m.yml", path: "output.junit", line: 4, column: 10), .file,
            role: "the JUnit report")
        #expect(
            OutputTarget.problems([first, second]).map(\.description) == [
                #"m.yml:4:10: at output.junit: the JUnit report and result.json would both be written to "\#(folder.path)/./r.json""#
            ])
    }

    /// Reports derived from one `--output-dir` share its fault: one problem, not one per report.
    @Test func oneProblemPerPlace() throws {
        let folder = try TemporaryFolder()
        let file = try folder.write("a-file", "x")
        let place = Located(file, file: "command line", path: "--output-dir")
        var json = place
        json.value = file + "/result.json"
        #expect(
            OutputTarget.problems([
                OutputTarget(place, .folder, role: "the output folder"), OutputTarget(json, .file, role: "result.json"),
            ]).count == 1)
    }
}
