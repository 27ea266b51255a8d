import ArgumentParser
import Batch
import Logging
import Results
import Synchronization
import Testing

@testable import interop_runner

/// What reaches standard error: bounded, one line per problem, nothing raw from the input.
@Suite struct DiagnosisTests {
    /// The issue: a 10 MB spec of unknown keys printed 806,596 lines; now at most 20 problems, then how many more.
    @Test func problemsAreCappedWithACount() {
        let problems = (1...50).map { (index: Int) in
            SpecProblem(file: "m.yml", path: "k\(index)", line: index, column: 1, message: "unknown key")
        }
        let diagnosis = InteropRunner.diagnosis(of: SpecProblems(problems), arguments: [])
        #expect(diagnosis.exitCode == 2)
        #expect(diagnosis.errorLines.count == 21)
        #expect(diagnosis.errorLines.first == "error: m.yml:1:1: at k1: unknown key")
        #expect(diagnosis.errorLines.last == "error: and 30 more problems")
    }

    /// ArgumentParser quotes the bad value; when it holds a line break, the message stays on one line.
    @Test func argumentParserMessagesQuotingControlsStayOnOneLine() throws {
        let arguments = ["--jobs", "1\n::error::forged"]
        do {
            _ = try InteropRunner.parseAsRoot(arguments)
            Issue.record("accepted")
        } catch {
            let diagnosis = InteropRunner.diagnosis(of: error, arguments: arguments)
            #expect(diagnosis.exitCode == 2 && diagnosis.errorLines.count == 1)
            #expect(diagnosis.errorLines[0].hasPrefix(#"Error: The value '1\n::error::forged' is invalid"#))
        }
        do {
            _ = try InteropRunner.parseAsRoot(["--jobs", "0"])
            Issue.record("accepted")
        } catch {
            let lines = InteropRunner.diagnosis(of: error, arguments: ["--jobs", "0"]).errorLines
            #expect(lines.first == "Error: --jobs must be from 1 to 1024, got 0" && lines.count > 1)
        }
    }

    /// Every log line on standard error goes through `InertLogHandler`: a reason naming a forged file stays one line.
    @Test func logLinesAreEscaped() {
        let recorder = Recorder()
        var logger = Logger(label: "test") { _ in InertLogHandler(wrapped: recorder) }
        logger[metadataKey: "job"] = "a\nb"
        logger.info(
            "quic-go_x/handshake: failed (unexpected file x\n::error::forged\u{1B}]0;PWNED\u{07})",
            metadata: ["reason": "x\r\n::warning::y", "list": ["\u{1B}[31m"]])
        let event = recorder.events.withLock { $0.first }
        #expect(
            event?.message == #"quic-go_x/handshake: failed (unexpected file x\n::error::forged\u{1B}]0;PWNED\u{7})"#)
        #expect(event?.metadata == ["reason": #"x\r\n::warning::y"#, "list": [#"\u{1B}[31m"#]])
        #expect(recorder.metadata["job"] == #"a\nb"#)
    }
}

/// A log handler that keeps what it is given.
private final class Recorder: LogHandler, @unchecked Sendable {
    struct Event {
        var message: String
        var metadata: Logger.Metadata?
    }

    let events = Mutex<[Event]>([])
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .trace

    func log(event: LogEvent) {
        events.withLock { $0.append(Event(message: event.message.description, metadata: event.metadata)) }
    }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }
}
