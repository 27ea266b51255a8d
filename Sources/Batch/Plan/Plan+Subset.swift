public import Results

extension Plan {
    /// The plan with only the jobs in `ids`, in the same order; a measurement series keeps the repetitions listed.
    public func keeping(_ ids: Set<JobID>) -> Plan {
        var subset = self
        subset.tests = tests.filter { ids.contains($0.id) }
        subset.measurementSeries = measurementSeries.map { $0.filter { ids.contains($0.id) } }.filter { !$0.isEmpty }
        return subset
    }
}
