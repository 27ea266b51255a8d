import Results

/// The jobs of a run, expanded from a configuration in upstream's order.
///
/// Test cases can run side by side; each measurement's repetitions form a series that runs alone, in order,
/// and stops at the first repetition that does not succeed (as upstream's `_run_measurement`).
public struct Plan: Sendable {
    /// Test-case jobs: for each client, each server, each test.
    public var tests: [PlannedJob]
    /// Measurement series: for each client, each server, each measurement, its repetitions 1...N.
    public var measurementSeries: [[PlannedJob]]

    /// Expands `configuration` into jobs.
    public init(_ configuration: RunConfiguration) {
        var tests: [PlannedJob] = []
        var series: [[PlannedJob]] = []
        for (clientName, serverName) in configuration.pairs {
            guard let client = configuration.registry[clientName], let server = configuration.registry[serverName]
            else {
                assertionFailure("a pair names an implementation missing from the registry")
                continue
            }
            for test in configuration.tests {
                let id = JobID(server: serverName, client: clientName, test: test.name)
                tests.append(
                    PlannedJob(
                        id: id, test: test, server: server, client: client,
                        seed: Seed.derive(configuration.seed, for: id)))
            }
            for measurement in configuration.measurements {
                series.append(
                    (1...max(1, measurement.repetitions)).map { repetition in
                        let id = JobID(
                            server: serverName, client: clientName, test: measurement.name, repetition: repetition)
                        return PlannedJob(
                            id: id, test: measurement, server: server, client: client,
                            seed: Seed.derive(configuration.seed, for: id))
                    })
            }
        }
        self.tests = tests
        self.measurementSeries = series
    }

    /// Every job, tests first.
    public var allJobs: [PlannedJob] { tests + measurementSeries.flatMap { $0 } }
}
