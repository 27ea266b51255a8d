import Foundation
import Results
import Testing

extension EndToEndTests {
    /// The issue's case: a client leaves a file named `x⏎::error::forged` plus terminal escapes in `/downloads`. The
    /// job fails with a reason naming it (the verdict is the check's), and no line the runner writes, on standard
    /// error or in `output.txt`, starts a workflow command or carries a raw control byte; the name is shown escaped.
    @Test(.enabled(if: EndToEnd.canRunEndpoints), .timeLimit(.minutes(2)))
    func endpointTextNeverBecomesACICommand() async throws {
        let matrix = try Matrix("forged")
        defer { matrix.remove() }
        let output = matrix.output("out")
        let ending = try await RunnerProcess.run(
            [
                "--registry", matrix.registry, "-s", "quic-go", "-c", "forged-name", "-t", "handshake", "-n",
                "quic-go,forged-name", "--jobs", "1", "--seed", "5", "--output-dir", output,
            ], folder: matrix.io)
        #expect(ending.status == 1, "\(ending.stderr)")
        let forged = "x\n::error::forged\u{1B}]0;PWNED\u{07}"
        let job = try matrix.journal(of: output)[JobID(server: "quic-go", client: "forged-name", test: "handshake")]
        #expect(job?.status == .failed)
        #expect(job?.reason == "unexpected file \(forged) in the client's downloads", "\(job?.reason ?? "no result")")

        let outputText = try String(
            contentsOfFile: output + "/logs/quic-go_forged-name/handshake/output.txt", encoding: .utf8)
        let escaped = #"unexpected file x\n::error::forged\u{1B}]0;PWNED\u{7} in the client's downloads"#
        for (name, text) in [("stderr", ending.stderr), ("output.txt", outputText)] {
            #expect(text.contains(escaped), "\(name): \(text)")
            let commands = text.split(separator: "\n").filter { $0.drop { $0 == " " || $0 == "\t" }.hasPrefix("::") }
            #expect(commands.isEmpty, "\(name) has workflow-command lines: \(commands)")
            let raw = text.unicodeScalars.filter { $0 != "\n" && InertText.needsEscape($0) }
            #expect(raw.isEmpty, "\(name) has raw control characters: \(raw.map(\.value))")
        }
    }
}
