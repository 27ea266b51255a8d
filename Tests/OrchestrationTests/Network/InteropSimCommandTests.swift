import Orchestration
import Subprocess
import SystemPackage
import Testing

/// The built `interop-sim` binary's command line: bad scenarios fail before any socket is opened.
@Suite struct InteropSimCommandTests {
    @Test(arguments: [
        ("ns3-p2p --delay=15ms", "unknown scenario 'ns3-p2p'"),
        ("simple-p2p --delay=15ms --bandwidth=10Mbps --queue=25 --jitter=2ms", "unknown flag --jitter"),
        (
            "drop-rate --delay=15ms --bandwidth=10Mbps --queue=25 --rate_to_client=2",
            "missing parameter --rate_to_server"
        ),
    ])
    func badScenarioExitsWithAClearMessage(scenario: String, message: String) async throws {
        let executable = try #require(InteropSimLocator.locate(), "interop-sim is built with the tests")
        let result = try await Subprocess.run(
            .path(FilePath(executable)), arguments: [scenario], output: .string(limit: 65_536),
            error: .string(limit: 65_536))
        #expect(!result.terminationStatus.isSuccess)
        #expect(result.standardError.contains(message), "\result.standardError")
    }
}
