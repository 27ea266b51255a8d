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

    @Test func sandboxArgumentsRoundTrip() throws {
        var confined = request
        confined.confinement = LaunchRequest.Confinement(user: 0x7000_1234, group: 0x7000_1234)
        confined.cgroup = "/sys/fs/cgroup/pids/interop-runner/qir-1x2/sandbox-client-3"
        confined.fileSizeLimit = 1 << 28
        confined.processLimit = 1025
        #expect(
            Array(confined.arguments.drop { $0 != "--cwd" }.prefix(11)) == [
                "--cwd", "/tmp/job",
                "--user", "1879052852:1879052852",
                "--cgroup", "/sys/fs/cgroup/pids/interop-runner/qir-1x2/sandbox-client-3",
                "--file-size-limit", "268435456",
                "--process-limit", "1025",
                "--",
            ])
        #expect(try LaunchRequest.parse(confined.arguments) == confined)
    }

    @Test func defaultsFillOnlyWhatIsNotGiven() {
        var custom = request
        custom.environment.append(.init(name: "PATH", value: "/opt/bin"))
        let environment = custom.effectiveEnvironment.map { "\($0.name)=\($0.value)" }
        #expect(environment == ["ROLE=server", "REQUESTS=a=b c", "PATH=/opt/bin", "HOME=/tmp", "LANG=C.UTF-8"])
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
        (["--netns", "/x", "--user", "0:0", "--", "p"], "--user '0:0' is not UID:GID of a user other than root"),
        (["--netns", "/x", "--user", "1000", "--", "p"], "--user '1000' is not UID:GID"),
        (["--netns", "/x", "--file-size-limit", "0", "--", "p"], "--file-size-limit '0' is not a positive integer"),
        (["--netns", "/x", "--process-limit", "many", "--", "p"], "--process-limit 'many' is not a positive integer"),
    ])
    func malformedCommandLinesNameTheProblem(arguments: [String], problem: String) {
        let failure = #expect(throws: LaunchFailure.self) { try LaunchRequest.parse(arguments) }
        #expect(failure?.code == .usage)
        #expect(failure?.line.hasPrefix("interop-endpoint-exec: arguments: ") == true)
        #expect(failure?.line.contains(problem) == true, "\(failure?.line ?? "")")
    }
}
