import ArgumentParser
import Batch

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
        let plan = Plan(configuration)
        print(
            "valid: \(configuration.clients.count) clients × \(configuration.servers.count) servers, "
                + "\(configuration.tests.count) tests, \(configuration.measurements.count) measurements, "
                + "\(plan.allJobs.count) jobs")
    }
}
