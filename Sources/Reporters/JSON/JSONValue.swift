/// A JSON document that keeps the order of object members, as Python's `dict` does.
///
/// Upstream's `result.json` is defined by insertion order (`json.dump` of a dict), and our reader must see the
/// `tests` object in that order, so neither Foundation's encoder nor `JSONSerialization` fits.
indirect enum JSONValue: Sendable, Equatable {
    case null
    case bool(Bool)
    case int(Int64)
    case uint(UInt64)
    case double(Double)
    case string(String)
    case array([JSONValue])
    case object([Member])

    /// One `"key": value` pair of an object.
    struct Member: Sendable, Equatable {
        var key: String
        var value: JSONValue
        /// Creates a member.
        init(_ key: String, _ value: JSONValue) {
            self.key = key
            self.value = value
        }
    }

    /// `.string` or `.null`.
    static func optional(_ text: String?) -> JSONValue { text.map(JSONValue.string) ?? .null }

    /// `.double` or `.null`.
    static func optional(_ number: Double?) -> JSONValue { number.map(JSONValue.double) ?? .null }
}

/// Builds an object with Python `dict` semantics: assigning an existing key replaces its value in place.
struct JSONObjectBuilder {
    private(set) var members: [JSONValue.Member] = []
    private var positions: [String: Int] = [:]

    subscript(key: String) -> JSONValue? {
        get { positions[key].map { members[$0].value } }
        set {
            guard let newValue else { return }
            if let position = positions[key] {
                members[position].value = newValue
            } else {
                positions[key] = members.count
                members.append(JSONValue.Member(key, newValue))
            }
        }
    }

    var value: JSONValue { .object(members) }
}
