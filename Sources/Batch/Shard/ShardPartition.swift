public import Results

/// Splits a plan into shards of nearly equal expected time, the same way on every machine.
///
/// The units are the plan's test-case jobs and its measurement series (a series runs in order and stops at its
/// first failure, so it is never split). Longest expected first, each unit goes to the shard with the least
/// expected time so far (ties: the lower shard); equal units keep plan order. Only integers and the plan's order
/// decide, so the same matrix and shard count give the same partition anywhere.
public struct ShardPartition: Sendable {
    /// For each unit of ``units``, the 0-based shard it belongs to.
    public let assignment: [Int]
    /// The plan's units: one job, or one measurement series.
    public let units: [[PlannedJob]]
    /// Expected milliseconds of each unit.
    public let costs: [Int64]
    public let count: Int

    /// Partitions `plan` into `count` shards.
    public init(_ plan: Plan, count: Int) {
        assert(count >= 1, "a partition has at least one shard")
        let units = plan.tests.map { [$0] } + plan.measurementSeries.filter { !$0.isEmpty }
        let costs = units.map { unit in unit.reduce(0) { $0 + ExpectedDuration.milliseconds(of: $1.test) } }
        let order = costs.indices.sorted { costs[$0] != costs[$1] ? costs[$0] > costs[$1] : $0 < $1 }
        var loads = [Int64](repeating: 0, count: max(1, count))
        var assignment = [Int](repeating: 0, count: units.count)
        for unit in order {
            var lightest = 0
            for shard in loads.indices where loads[shard] < loads[lightest] { lightest = shard }
            assignment[unit] = lightest
            loads[lightest] += costs[unit]
        }
        self.assignment = assignment
        self.units = units
        self.costs = costs
        self.count = max(1, count)
    }

    /// Expected milliseconds of each shard.
    public var loads: [Int64] {
        var loads = [Int64](repeating: 0, count: count)
        for (unit, shard) in assignment.enumerated() { loads[shard] += costs[unit] }
        return loads
    }

    /// The largest shard's expected time over the mean (1 is a perfect split).
    public var imbalance: Double {
        let loads = loads
        let total = loads.reduce(0, +)
        guard total > 0 else { return 1 }
        return Double(loads.max() ?? 0) / (Double(total) / Double(count))
    }

    /// The jobs of shard `selector`, in plan order.
    public func jobs(of selector: ShardSelector) -> Set<JobID> {
        var ids: Set<JobID> = []
        for (unit, shard) in assignment.enumerated() where shard == selector.index - 1 {
            for job in units[unit] { ids.insert(job.id) }
        }
        return ids
    }
}
