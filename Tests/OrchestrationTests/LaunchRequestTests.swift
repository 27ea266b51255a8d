import EndpointLauncher
import Testing

@Suite struct LaunchRequestTests {
    private let request = LaunchRequest(
        networkNamespace: "/run/netns/qir-job-1-server",
        binds: [
            .init(source: "/tmp/job:1/www", target: "/www", readOnly: true),
            .init(source: "/tmp/job/downloads", target: "/downloads", readOnly: false),
        ],
        hostsFile: "/tmp/job/hosts",
        environment: [.init(name: "ROLE", value: "server"), .init(name: "REQUESTS", value: "a=b c")],
        workingDirectory: "/tmp/job",
        command: ["/endpoint/run_endpoint.sh", "--flag", "--"]
    )

    @Test func argumentsRoundTrip() throws {
        #expect(
            request.arguments == [
                "--netns", "/run/netns/qir-job-1-server",
                "--bind", "/tmp/job:1/www:/www:ro",
                "--bind", "/tmp/job/downloads:/downloads",
                "--hosts", "/tmp/job/hosts",
                "--env", "ROLE=server", "--env", "REQUESTS=a=b c",
                "--cwd", "/tmp/job",
                "--", "/endpoint/run_endpoint.sh", "--flag", "--",
            ])
        #expect(try LaunchRequest.parse(request.arguments) == request)
    }

    @Test func defaultsFillOnlyWhatIsNotGiven() {
        var custom = request
        custom.environment.append(.init(name: "PATH", value: "/opt/bin"))
        let environment = custom.effectiveEnvironment.map { "\($0.name)=\($0.value)" }
        #expect(environment == ["ROLE=server", "REQUESTS=a=b c", "PATH=/opt/bin", "HOME=/root", "LANG=C.UTF-8"])
    }

    @Test(arguments: [
        ([] as [String], "missing -- before the program"),
        (["--", "/bin/true"], "--netns is required"),
        (["--netns", "/run/netns/x", "--"], "no program after --"),
        (["--netns"], "--netns needs a value"),
        (["--netns", "/x", "--bind", "nocolon", "--", "p"], "--bind 'nocolon' is not SRC:TARGET[:ro]"),
        (["--netns", "/x", "--bind", "src:relative", "--", "p"], "needs a source and an absolute target"),
        (["--netns", "/x", "--env", "=v", "--", "p"], "--env '=v' is not NAME=VALUE"),
        (["--netns", "/x", "--env", "A=1", "--env", "A=2", "--", "p"], "--env A given twice"),
        (["--netns", "/x", "--verbose", "--", "p"], "unknown argument '--verbose'"),
    ])
    func malformedCommandLinesNameTheProblem(arguments: [String], problem: String) {
        let failure = #expect(throws: LaunchFailure.self) { try LaunchRequest.parse(arguments) }
        #expect(failure?.code == .usage)
        #expect(failure?.line.hasPrefix("interop-endpoint-exec: arguments: ") == true)
        #expect(failure?.line.contains(problem) == true, "\(failure?.line ?? "")")
    }
}
