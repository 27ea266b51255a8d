import ArgumentParser
import Foundation
import Results
import Testing

@testable import interop_runner

/// The corpus of bad inputs (`BadInput.corpus`, files in `Fixtures/bad-inputs`): each is refused with exit 2, at most
/// 30 lines on standard error, the first naming the place (file:line:column and path, or the flag) and what is
/// wrong, no raw control character, and nothing written. Every case runs in-process (parse and resolve, as the
/// command does before anything else) through `run` and `validate`; one of each kind also through the built binary.
@Suite struct BadInputCorpusTests {
    static let corpusFolder = EndToEnd.fixtures + "/bad-inputs"

    /// The promise behind the corpus: enough cases to stand for what a new user tries.
    @Test func theCorpusIsLargeAndEveryFileIsUsed() throws {
        #expect(BadInput.corpus.count >= 80)
        #expect(Set(BadInput.corpus.map(\.name)).count == BadInput.corpus.count, "two cases share a name")
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.corpusFolder)
            .filter { ($0.hasSuffix(".yml") || $0.hasSuffix(".json")) && $0 != "good-registry.json" }
        let named = Set(BadInput.corpus.flatMap(\.arguments).map { ($0 as NSString).lastPathComponent })
        #expect(files.filter { !named.contains($0) } == [], "corpus files no case uses")
        #expect(BadInput.throughTheBinary.isSubset(of: Set(BadInput.corpus.map(\.name))))
    }

    @Test(arguments: BadInput.corpus)
    func refusedInProcess(_ input: BadInput) throws {
        let scratch = try EndToEnd.temporaryFolder("corpus")
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        try input.prepare(in: scratch)
        let before = try Self.snapshot(scratch)
        let corpusBefore = try Self.snapshot(Self.corpusFolder)
        for arguments in input.commandLines(corpus: Self.corpusFolder, scratch: scratch) {
            let command = arguments.first == "validate" || arguments.first == "report" ? arguments[0] : "run"
            guard let diagnosis = Self.diagnose(arguments) else {
                Issue.record("\(command) accepted \(input.name)")
                continue
            }
            Self.expectContract(
                diagnosis.exitCode, diagnosis.errorLines.map { InertText.escaped($0) }, input: input,
                scratch: scratch, command: command)
        }
        #expect(try Self.snapshot(scratch) == before, "\(input.name) wrote files")
        #expect(try Self.snapshot(Self.corpusFolder) == corpusBefore, "\(input.name) changed the corpus")
    }

    @Test(.timeLimit(.minutes(3)), arguments: BadInput.corpus.filter { BadInput.throughTheBinary.contains($0.name) })
    func refusedByTheBinary(_ input: BadInput) async throws {
        let scratch = try EndToEnd.temporaryFolder("corpus-binary")
        let io = try EndToEnd.temporaryFolder("corpus-io")
        defer {
            try? FileManager.default.removeItem(atPath: scratch)
            try? FileManager.default.removeItem(atPath: io)
        }
        try input.prepare(in: scratch)
        let before = try Self.snapshot(scratch)
        for arguments in input.commandLines(corpus: Self.corpusFolder, scratch: scratch) {
            let command = arguments.first == "validate" || arguments.first == "report" ? arguments[0] : "run"
            let ending = try await RunnerProcess.run(arguments, folder: io, directory: scratch, limit: .seconds(60))
            let lines = ending.stderr.split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
            Self.expectContract(ending.status, lines, input: input, scratch: scratch, command: command)
            #expect(ending.stdout.isEmpty, "\(command) \(input.name) printed \(ending.stdout)")
        }
        #expect(try Self.snapshot(scratch) == before, "\(input.name) wrote files (a logs_<time> folder?)")
    }

    /// Parses `arguments` as the runner does and runs the command's checks, which come before anything is written;
    /// `nil` when everything was accepted.
    static func diagnose(_ arguments: [String]) -> InteropRunner.Diagnosis? {
        do {
            switch try InteropRunner.parseAsRoot(arguments) {
            case let run as Run: _ = try run.resolve()
            case let validate as Validate: _ = try validate.resolve()
            case let report as Report: _ = try report.load()
            case let other: Issue.record("unexpected command \(type(of: other))")
            }
            return nil
        } catch {
            return InteropRunner.diagnosis(of: error, arguments: arguments)
        }
    }

    /// Exit 2; one to 30 lines, none with a raw control character; the first says where and what.
    static func expectContract(_ status: Int32, _ lines: [String], input: BadInput, scratch: String, command: String) {
        let label = "\(command) \(input.name)"
        #expect(status == 2, "\(label): exit \(status)")
        #expect((1...30).contains(lines.count), "\(label): \(lines.count) lines: \(lines.prefix(40))")
        for line in lines {
            #expect(!line.unicodeScalars.contains(where: InertText.needsEscape), "\(label): raw control in \(line)")
        }
        let expected = input.expectation(corpus: corpusFolder, scratch: scratch)
        let prefix = expected.hasPrefix("Error: ") ? "" : "error: "
        #expect(lines.first?.hasPrefix(prefix + expected) == true, "\(label): \(lines.first ?? "nothing")")
    }

    /// Every path under `folder` with its size, so a file written, removed or grown shows.
    static func snapshot(_ folder: String) throws -> [String] {
        try FileManager.default.subpathsOfDirectory(atPath: folder).sorted().map { path in
            let attributes = try FileManager.default.attributesOfItem(atPath: folder + "/" + path)
            return "\(path) \(attributes[.size] as? Int ?? -1)"
        }
    }
}
