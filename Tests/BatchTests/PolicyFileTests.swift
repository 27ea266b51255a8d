import Batch
import Results
import Testing

/// Policy files are read like matrix specs: every problem at once, with file, line, column and path.
@Suite struct PolicyFileTests {
    static let names = Policy.Names(
        implementations: ["quic-go", "ngtcp2", "aioquic"], tests: ["handshake", "transfer", "retry", "goodput"])

    @Test func readsRequiredCellsAndKnownFailures() throws {
        let policy = try Policy.decode(
            """
            required:
              - {server: quic-go, client: "*", test: handshake}
              - server: ngtcp2
            known-failures:
              - server: aioquic
                test: "re*"
                reason: "aioquic's retry is off in this build"
                link: https://example.org/issues/1
            """, file: "p.yml", names: Self.names)
        #expect(policy.required.count == 2)
        #expect(policy.isRequired(server: "quic-go", client: "aioquic", test: "handshake"))
        #expect(!policy.isRequired(server: "quic-go", client: "aioquic", test: "transfer"))
        #expect(policy.isRequired(server: "ngtcp2", client: "quic-go", test: "goodput"))
        let known = try #require(policy.knownFailure(server: "aioquic", client: "quic-go", test: "retry"))
        #expect(known.reason == "aioquic's retry is off in this build" && known.link == "https://example.org/issues/1")
        #expect(policy.required[0].origin == "p.yml:2: required[0]")
        // JSON is read the same way.
        let json = try Policy.decode(#"{"required": [{"test": "handshake"}]}"#, file: "p.json", names: Self.names)
        #expect(json.isRequired(server: "x", client: "y", test: "handshake"))
    }

    @Test func reportsEveryProblemWithWhereItIs() {
        let text = """
            required:
              - {server: quic-gp, test: hanshake}
              - {servr: ngtcp2}
              - 3
            known-failures:
              - {server: aioquic}
            optional: []
            """
        #expect {
            try Policy.decode(text, file: "p.yml", names: Self.names)
        } throws: { error in
            let lines = (error as? SpecProblems)?.problems.map(\.description) ?? []
            return lines == [
                #"p.yml:7:1: at optional: unknown key "optional""#,
                #"p.yml:2:14: at required[0].server: unknown implementation "quic-gp"; did you mean "quic-go"?"#,
                #"p.yml:2:29: at required[0].test: unknown test "hanshake"; did you mean "handshake"?"#,
                #"p.yml:3:6: at required[1].servr: unknown key "servr"; did you mean "server"?"#,
                #"p.yml:4:5: at required[2]: expected a mapping, found the integer 3"#,
                #"p.yml:6:5: at known-failures[0].reason: a known failure needs a reason (and may have a link)"#,
            ]
        }
    }

    @Test func wildcardsAreNotCheckedAgainstNames() throws {
        let policy = try Policy.decode(
            "required:\n  - {server: \"quic-*\", client: \"?gtcp2\"}\n", file: "p.yml", names: Self.names)
        #expect(policy.isRequired(server: "quic-go", client: "ngtcp2", test: "anything"))
        #expect(!policy.isRequired(server: "quic-go", client: "nngtcp2", test: "anything"))
    }

    @Test func malformedAndMissingFilesAreProblems() {
        #expect(throws: SpecProblems.self) { try Policy.decode("required: [", file: "p.yml") }
        #expect(throws: SpecProblems.self) { try Policy.load(from: "/nonexistent/policy.yml") }
    }

    @Test func globMatchesLikeAShell() {
        #expect(CellPattern.glob("*", ""))
        #expect(CellPattern.glob("a*c", "abbbc") && CellPattern.glob("a*c", "ac"))
        #expect(!CellPattern.glob("a*c", "abcd"))
        #expect(CellPattern.glob("*-go", "quic-go") && !CellPattern.glob("*-go", "quic-gox"))
        #expect(CellPattern.glob("a?c", "abc") && !CellPattern.glob("a?c", "ac"))
        #expect(CellPattern.glob("*a*b*", "xxaxxbxx") && !CellPattern.glob("*a*b*", "xxbxxaxx"))
    }
}
