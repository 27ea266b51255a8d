/// A JSON document that keeps the order of object members, as Python's `dict` does.
///
/// Upstream's `result.json` is defined by insertion order (`json.dump` of a dict), and its readers must see the
/// `tests` object in that order, so neither Foundation's encoder nor `JSONSerialization` fits.
public indirect enum JSONValue: Sendable, Equatable {
    case null
    case bool(Bool)
    case int(Int64)
    case uint(UInt64)
    case double(Double)
    case string(String)
    case array([JSONValue])
    case object([Member])

    /// One `"key": value` pair of an object.
    public struct Member: Sendable, Equatable {
        public var key: String
        public var value: JSONValue
        /// Creates a member.
        public init(_ key: String, _ value: JSONValue) {
            self.key = key
            self.value = value
        }
    }
}
