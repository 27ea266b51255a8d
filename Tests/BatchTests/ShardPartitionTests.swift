import Batch
import Foundation
import Results
import Testing

@Suite struct ShardPartitionTests {
    private static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().path

    /// A random matrix over the test registry: some clients, servers, test cases and measurements.
    private func randomConfiguration(_ generator: inout SeededGenerator) throws -> RunConfiguration {
        func some(_ names: [String]) -> String {
            var chosen = names.filter { _ in generator.uniform(below: 2) == 0 }
            if chosen.isEmpty { chosen = [generator.element(of: names)] }
            return chosen.joined(separator: ",")
        }
        let menu = sampleMenu.tests.map(\.name) + sampleMenu.measurements.map(\.name)
        return try configuration(
            tests: some(menu), clients: some(["quic-go", "ngtcp2", "aioquic", "chrome"]),
            servers: some(["quic-go", "ngtcp2", "picoquic"]))
    }

    /// Every job is in exactly one shard, a measurement series stays in one, and the same matrix gives the same
    /// partition however often it is computed, on 200 random matrices and shard counts.
    @Test func deterministicAndCompleteOnRandomMatrices() throws {
        var generator = SeededGenerator(seed: 20_261_127)
        for _ in 0..<200 {
            let plan = Plan(try randomConfiguration(&generator))
            let count = 1 + generator.uniform(below: 9)
            let partition = ShardPartition(plan, count: count)
            let again = ShardPartition(Plan(try randomConfigurationReplaying(plan)), count: count)
            #expect(partition.assignment == again.assignment)
            var seen: [JobID: Int] = [:]
            for index in 1...count {
                for id in partition.jobs(of: try #require(ShardSelector(index: index, count: count))) {
                    #expect(seen.updateValue(index, forKey: id) == nil, "\(id) in two shards")
                }
            }
            #expect(Set(seen.keys) == Set(plan.allJobs.map(\.id)))
            for series in plan.measurementSeries {
                #expect(Set(series.map { seen[$0.id] }).count == 1, "a series split across shards")
            }
        }
    }

    /// The plan's jobs rebuilt from scratch, as another machine would from the same matrix.
    private func randomConfigurationReplaying(_ plan: Plan) throws -> RunConfiguration {
        let tests = unique(plan.tests.map(\.id.test) + plan.measurementSeries.compactMap { $0.first?.id.test })
        return try configuration(
            tests: tests.joined(separator: ","), clients: unique(plan.allJobs.map(\.id.client)).joined(separator: ","),
            servers: unique(plan.allJobs.map(\.id.server)).joined(separator: ","))
    }

    private func unique(_ names: [String]) -> [String] {
        var seen: Set<String> = []
        return names.filter { seen.insert($0).inserted }
    }

    /// The partition depends only on the matrix: pinned for a small one, so a change of the cost model or the
    /// tie rules (which would split the shards of one CI run differently across runner builds) is seen.
    @Test func pinnedPartition() throws {
        let plan = Plan(
            try configuration(
                tests: "handshake,transfer,longrtt,goodput", clients: "quic-go,ngtcp2", servers: "quic-go"))
        let partition = ShardPartition(plan, count: 3)
        var shards: [[String]] = []
        for index in 1...3 {
            let ids = partition.jobs(of: try #require(ShardSelector(index: index, count: 3)))
            shards.append(plan.allJobs.map(\.id).filter(ids.contains).map(\.logPath))
        }
        #expect(
            shards == [
                [
                    "quic-go_quic-go/goodput/1", "quic-go_quic-go/goodput/2", "quic-go_quic-go/goodput/3",
                    "quic-go_quic-go/goodput/4", "quic-go_quic-go/goodput/5",
                ],
                [
                    "quic-go_ngtcp2/goodput/1", "quic-go_ngtcp2/goodput/2", "quic-go_ngtcp2/goodput/3",
                    "quic-go_ngtcp2/goodput/4", "quic-go_ngtcp2/goodput/5",
                ],
                [
                    "quic-go_quic-go/handshake", "quic-go_quic-go/transfer", "quic-go_quic-go/longrtt",
                    "quic-go_ngtcp2/handshake", "quic-go_ngtcp2/transfer", "quic-go_ngtcp2/longrtt",
                ],
            ])
    }

    /// The main job's matrix (`ci/matrix-local.yml`, 550 jobs) in four shards: the largest within 15% of the mean.
    @Test func mainJobInFourShardsIsBalanced() throws {
        let spec = try MatrixSpec.load(from: Self.repository + "/ci/matrix-local.yml")
        let configuration = try RunConfiguration.resolve(
            options: RunOptions(), spec: spec,
            environment: RunConfiguration.Environment(
                defaultRegistries: { _ in [] }, menu: { TestMenu(catalogFor: $0) }, cores: 2,
                now: Date(timeIntervalSince1970: 0), randomSeed: { 1 }))
        let partition = ShardPartition(Plan(configuration), count: 4)
        #expect(Plan(configuration).allJobs.count == 550)
        #expect(partition.imbalance <= 1.15, "\(partition.loads)")
    }

    @Test func shardSyntax() {
        #expect(ShardSelector(parsing: "2/4") == ShardSelector(index: 2, count: 4))
        for bad in ["0/4", "5/4", "2", "2/", "/4", "a/b", "2/4/1", " 2/4", "2/0", "1/1025", "٢/٤"] {
            #expect(ShardSelector(parsing: bad) == nil, "\(bad)")
        }
    }
}
