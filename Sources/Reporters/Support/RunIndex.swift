import Results

/// Constant-time lookups into a `RunResult`, so every report is linear in the number of jobs.
///
/// `RunResult.result(server:client:test:)` scans all jobs; with 9,600 jobs a matrix would be quadratic.
/// When the journal holds a job twice (a retry), the later record wins, as it does for the final status.
struct RunIndex {
    let run: RunResult
    private let testSlots: [Int32]
    private let measurementSlots: [[Int32]]

    /// Indexes `run`; jobs that name no known server, client, test or measurement are not reachable.
    init(_ run: RunResult) {
        self.run = run
        let servers = Self.positions(run.servers)
        let clients = Self.positions(run.clients)
        let tests = Self.positions(run.tests.map(\.name))
        let measurements = Self.positions(run.measurements.map(\.name))
        let pairs = run.servers.count * run.clients.count
        var testSlots = [Int32](repeating: -1, count: pairs * run.tests.count)
        var measurementSlots = [[Int32]](repeating: [], count: pairs * run.measurements.count)
        for (position, job) in run.jobs.enumerated() {
            guard let sj = servers[job.id.server], let ci = clients[job.id.client] else { continue }
            let pair = ci * run.servers.count + sj
            if job.id.repetition == nil, let ti = tests[job.id.test] {
                testSlots[pair * run.tests.count + ti] = Int32(position)
            } else if job.id.repetition != nil, let mi = measurements[job.id.test] {
                measurementSlots[pair * run.measurements.count + mi].append(Int32(position))
            }
        }
        for slot in measurementSlots.indices where measurementSlots[slot].count > 1 {
            // Order by repetition; a later journal record for the same repetition replaces the earlier one.
            var byRepetition: [Int: Int32] = [:]
            for position in measurementSlots[slot] {
                byRepetition[run.jobs[Int(position)].id.repetition ?? 0] = position
            }
            measurementSlots[slot] = byRepetition.sorted { $0.key < $1.key }.map(\.value)
        }
        self.testSlots = testSlots
        self.measurementSlots = measurementSlots
    }

    private static func positions(_ names: [String]) -> [String: Int] {
        var map: [String: Int] = [:]
        for (index, name) in names.enumerated() where map[name] == nil { map[name] = index }
        return map
    }

    /// The result of test `ti` for client `ci` and server `sj`, or `nil` when it did not run.
    func test(client ci: Int, server sj: Int, test ti: Int) -> JobResult? {
        let slot = testSlots[(ci * run.servers.count + sj) * run.tests.count + ti]
        return slot < 0 ? nil : run.jobs[Int(slot)]
    }

    /// The repetitions of measurement `mi` for the pair, by repetition; empty when none ran.
    func repetitions(client ci: Int, server sj: Int, measurement mi: Int) -> [JobResult] {
        measurementSlots[(ci * run.servers.count + sj) * run.measurements.count + mi].map { run.jobs[Int($0)] }
    }

    /// Measurement `mi` summarised for the pair, or `nil` when no repetition ran.
    func summary(client ci: Int, server sj: Int, measurement mi: Int) -> MeasurementSummary? {
        let runs = repetitions(client: ci, server: sj, measurement: mi)
        guard !runs.isEmpty else { return nil }
        return MeasurementSummary(repetitions: runs, unit: run.measurements[mi].unit ?? "")
    }

    /// Every pair in upstream's order: clients outer, servers inner (`results[ci * len(servers) + sj]`).
    var pairs: [(client: Int, server: Int)] {
        var out: [(client: Int, server: Int)] = []
        out.reserveCapacity(run.clients.count * run.servers.count)
        for ci in run.clients.indices {
            for sj in run.servers.indices { out.append((ci, sj)) }
        }
        return out
    }

    /// Counts of final statuses over all jobs of the matrix, plus the planned test cases that did not run.
    var tally: StatusTally {
        var tally = StatusTally()
        for (ci, sj) in pairs {
            for ti in run.tests.indices {
                if let job = test(client: ci, server: sj, test: ti) { tally.add(job.status) } else { tally.notRun += 1 }
            }
            for mi in run.measurements.indices {
                if let summary = summary(client: ci, server: sj, measurement: mi) {
                    tally.add(summary.status)
                } else {
                    tally.notRun += 1
                }
            }
        }
        return tally
    }
}

/// How many test cases and measurements of a run ended in each status.
struct StatusTally: Equatable {
    var counts: [JobStatus: Int] = [:]
    var notRun = 0

    /// Counts one more job in `status`.
    mutating func add(_ status: JobStatus) { counts[status, default: 0] += 1 }

    subscript(status: JobStatus) -> Int { counts[status] ?? 0 }

    /// `12 succeeded, 1 failed, 2 unsupported` (zero counts left out), in `JobStatus` order.
    var sentence: String {
        var parts = JobStatus.allCases.compactMap { status in
            self[status] > 0 ? "\(self[status]) \(status.rawValue)" : nil
        }
        if notRun > 0 { parts.append("\(notRun) not run") }
        return parts.isEmpty ? "nothing ran" : parts.joined(separator: ", ")
    }
}

/// Report-side facts about statuses.
extension JobStatus {
    /// The order the matrix lists statuses in: upstream's ✓, ?, ✕, then ours.
    static let displayOrder: [JobStatus] = [.succeeded, .unsupported, .failed, .timeout, .notCompliant, .error]
}
