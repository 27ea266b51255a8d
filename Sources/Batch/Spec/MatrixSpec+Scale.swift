import Results
internal import Yams

extension MatrixSpec {
    /// The most retries a run may ask for.
    public static let retriesRange = 0...10

    /// Decodes `retries`, `deadline` (`45m`, `1h30m`, or seconds), `shard` (`K/N`) and `keep-traces`.
    mutating func decodeScaleField(_ key: String, _ value: Node, _ reader: DocumentReader) {
        switch key {
        case "retries":
            retries = reader.integer(value, at: key, in: Self.retriesRange)
        case "deadline":
            if case .scalar = value, value.tag == Tag(.int), let seconds = value.int, seconds > 0 {
                deadline = .seconds(seconds)
            } else if let text = reader.string(value, at: key) {
                if let duration = DurationText.parse(text) {
                    deadline = duration
                } else {
                    reader.problem(at: key, value, "expected a duration like 90s, 45m or 1h30m, found \"\(text)\"")
                }
            }
        case "shard":
            if let text = reader.string(value, at: key) {
                if let selector = ShardSelector(parsing: text) {
                    shard = selector
                } else {
                    reader.problem(at: key, value, "expected \(ShardSelector.syntax), found \"\(text)\"")
                }
            }
        default:
            if let text = reader.string(value, at: key) {
                if let policy = TracePolicy(rawValue: text) {
                    keepTraces = policy
                } else {
                    reader.problem(at: key, value, "unknown keep-traces \"\(text)\"; expected failed, all or none")
                }
            }
        }
    }
}
