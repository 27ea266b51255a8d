import Batch
import Orchestration
import Testing

/// The spec's `limits:`: the endpoint sandbox's limits, with units, defaults and every problem named.
@Suite struct LimitsSpecTests {
    @Test func limitsTakeBytesOrUnitsAndKeepDefaultsForWhatIsNotGiven() throws {
        let spec = try MatrixSpec.decode("limits: {file-size: 64MiB, writes: 2 GB, processes: 256}\n", file: "m.yml")
        #expect(spec.limits?.fileSize == 64 << 20)
        #expect(spec.limits?.writes == 2_000_000_000)
        #expect(spec.limits?.processes == 256)
        #expect(
            spec.limits?.resolved == SandboxLimits(fileSize: 64 << 20, writes: 2_000_000_000, processes: 256))

        let partial = try MatrixSpec.decode("limits:\n  writes: 1048576\n", file: "m.yml")
        let defaults = SandboxLimits.defaults
        #expect(
            partial.limits?.resolved
                == SandboxLimits(fileSize: defaults.fileSize, writes: 1 << 20, processes: defaults.processes))
        #expect(try MatrixSpec.decode("jobs: 1\n", file: "m.yml").limits == nil)
    }

    @Test func theRunCarriesTheSpecsLimits() throws {
        let folder = try TemporaryFolder()
        let registry = try folder.writeSampleRegistry()
        let spec = try MatrixSpec.decode("limits: {processes: 64}\n", file: folder.path + "/spec.yml")
        let limited = try RunConfiguration.resolve(
            options: RunOptions(), spec: spec, environment: environment(registry: registry))
        #expect(limited.limits.processes == 64 && limited.limits.writes == SandboxLimits.defaults.writes)
        let plain = try RunConfiguration.resolve(
            options: RunOptions(), spec: nil, environment: environment(registry: registry))
        #expect(plain.limits == SandboxLimits.defaults)
    }

    @Test func defaultsLeaveRoomForTheLargestTestCase() {
        // crosstraffic downloads 25 MB and writes qlogs of the same order; a Go endpoint runs a few dozen threads.
        #expect(SandboxLimits.defaults.fileSize >= 200_000_000)
        #expect(SandboxLimits.defaults.writes >= 400_000_000)
        #expect(SandboxLimits.defaults.processes >= 512)
    }

    /// Every problem at once, each with file, line, column and path (golden).
    @Test func badLimitsAreEachNamedWithTheirPlace() {
        let text = """
            limits:
              file-size: 10 KiB
              writes: lots
              processes: 4
              proceses: 64
            """
        do {
            _ = try MatrixSpec.decode(text, file: "m.yml")
            Issue.record("accepted bad limits")
        } catch {
            #expect(
                error.description == """
                    m.yml:5:3: at limits.proceses: unknown key "proceses"; did you mean "processes"?
                    m.yml:2:14: at limits.file-size: 10 KiB is out of range 64 KiB...1024 GiB
                    m.yml:3:11: at limits.writes: "lots" is not a size; expected bytes or a number with B, KiB, MiB, GiB, KB, MB or GB
                    m.yml:4:14: at limits.processes: 4 is out of range 8...4194304
                    """)
        }
        #expect(throws: SpecProblems.self) { try MatrixSpec.decode("limits: [1]\n", file: "m.yml") }
    }
}
