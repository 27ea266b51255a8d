import ArgumentParser
import Batch
import Orchestration
import Results

/// `interop-runner validate --spec FILE`: checks a spec and the registries it names; exit 0 or 2.
struct Validate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check a matrix spec and its registries, reporting every problem with where it is.")

    @OptionGroup var matrix: MatrixOptions

    func validate() throws {
        if matrix.spec == nil && matrix.registries.isEmpty {
            throw ValidationError("give --spec FILE (and/or --registry FILE) to validate")
        }
    }

    func run() async throws {
        let configuration = try matrix.resolve(matrix.runOptions())
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
