import StrictJSON

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
