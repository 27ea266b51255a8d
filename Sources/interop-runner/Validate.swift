import ArgumentParser
import Batch
import Orchestration
import Results

/// `interop-runner validate --spec FILE [run flags]`: checks a spec, the registries it names and every output the
/// same `run` would write, without running or writing anything; exit 0 or 2.
struct Validate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check a matrix spec, its registries and the outputs, reporting every problem with where it is.")

    @OptionGroup var matrix: MatrixOptions

    @OptionGroup var flags: RunFlags

    func validate() throws {
        if matrix.spec == nil && matrix.registries.isEmpty {
            throw ValidationError("give --spec FILE (and/or --registry FILE) to validate")
        }
    }

    /// The configuration the same flags would run, checked as `run` checks it (outputs included).
    func resolve() throws -> RunConfiguration {
        var options = matrix.runOptions()
        flags.apply(to: &options)
        return try matrix.resolve(options)
    }

    func run() async throws {
        let configuration = try resolve()
        let images = Dictionary(
            configuration.programs.compactMap { name, program in
                program.runtime == .docker ? (name, program.reference) : nil
            }, uniquingKeysWith: { first, _ in first })
        let unusable = await DockerSupport.unusableImages(Set(images.values))
        let problems = images.sorted { $0.key < $1.key }.compactMap { name, image in
            unusable[image].map { SpecProblem(file: "docker", path: "\(name).image", message: $0.message) }
        }
        if !problems.isEmpty { throw SpecProblems(problems) }
        let plan = Plan(configuration)
        print(
            "valid: \(configuration.clients.count) clients × \(configuration.servers.count) servers, "
                + "\(configuration.tests.count) tests, \(configuration.measurements.count) measurements, "
                + "\(plan.allJobs.count) jobs")
    }
}
