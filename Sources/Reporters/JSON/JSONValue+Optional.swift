import StrictJSON

extension JSONValue {
    /// `.string` or `.null`.
    static func optional(_ text: String?) -> JSONValue { text.map(JSONValue.string) ?? .null }

    /// `.double` or `.null`.
    static func optional(_ number: Double?) -> JSONValue { number.map(JSONValue.double) ?? .null }
}
