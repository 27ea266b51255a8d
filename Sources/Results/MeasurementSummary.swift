/// A measurement across its repetitions for one server and client, as upstream reports it.
public struct MeasurementSummary: Sendable, Hashable {
    /// `succeeded` only when every repetition succeeded; otherwise the status of the first that did not.
    public var status: JobStatus
    /// The values of the repetitions that ran, in order.
    public var values: [Double]
    /// Mean of `values`.
    public var mean: Double
    /// Sample standard deviation of `values` (Python's `statistics.stdev`); 0 with fewer than two values.
    public var standardDeviation: Double
    /// The measurement's unit.
    public var unit: String

    /// Summarises the repetitions of one measurement, ordered by repetition.
    public init(repetitions: [JobResult], unit: String) {
        let sorted = repetitions.sorted { ($0.id.repetition ?? 0) < ($1.id.repetition ?? 0) }
        self.status = sorted.first(where: { $0.status != .succeeded })?.status ?? .succeeded
        self.values = sorted.compactMap(\.value)
        self.unit = unit
        let count = Double(values.count)
        self.mean = values.isEmpty ? 0 : values.reduce(0, +) / count
        if values.count < 2 {
            self.standardDeviation = 0
        } else {
            let mean = self.mean
            let squares = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }
            self.standardDeviation = (squares / (count - 1)).squareRoot()
        }
    }

    /// Upstream's `details` text: `"%.0f (± %.0f) <unit>"` for a success, empty otherwise.
    public var details: String {
        guard status == .succeeded else { return "" }
        return "\(Self.roundHalfEven(mean)) (± \(Self.roundHalfEven(standardDeviation))) \(unit)"
    }

    /// Formats like Python's `"{:.0f}"`, which rounds half to even.
    static func roundHalfEven(_ value: Double) -> String {
        let rounded = value.rounded(.toNearestOrEven)
        return rounded == 0 ? "0" : String(Int64(rounded))
    }
}
