import StrictJSON

/// A JSON value with its path (`results[3][2].result`), so a wrong shape is reported where it is.
struct JSONNode {
    let value: JSONValue
    let path: String
    let source: String

    private func mismatch(_ expected: String) -> ReportError {
        ReportError(.invalidResultJSON, "\(source): at \(path.isEmpty ? "top level" : path): expected \(expected)")
    }

    var isNull: Bool { value == .null }

    /// The members of an object.
    func members() throws(ReportError) -> [(key: String, node: JSONNode)] {
        guard case .object(let members) = value else { throw mismatch("an object") }
        return members.map { ($0.key, JSONNode(value: $0.value, path: childPath($0.key), source: source)) }
    }

    /// The items of an array.
    func items() throws(ReportError) -> [JSONNode] {
        guard case .array(let items) = value else { throw mismatch("an array") }
        return items.enumerated().map { JSONNode(value: $1, path: "\(path)[\($0)]", source: source) }
    }

    /// A member that must be present (it may be `null`).
    func member(_ key: String) throws(ReportError) -> JSONNode {
        guard let node = try optionalMember(key) else {
            throw ReportError(.invalidResultJSON, "\(source): at \(childPath(key)): missing")
        }
        return node
    }

    /// A member, or `nil` when the object lacks it.
    func optionalMember(_ key: String) throws(ReportError) -> JSONNode? {
        guard case .object(let members) = value else { throw mismatch("an object") }
        guard let member = members.first(where: { $0.key == key }) else { return nil }
        return JSONNode(value: member.value, path: childPath(key), source: source)
    }

    private func childPath(_ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

    /// A string.
    func string() throws(ReportError) -> String {
        guard case .string(let text) = value else { throw mismatch("a string") }
        return text
    }

    /// A string or `null`.
    func optionalString() throws(ReportError) -> String? { isNull ? nil : try string() }

    /// `true` or `false`.
    func bool() throws(ReportError) -> Bool {
        guard case .bool(let flag) = value else { throw mismatch("true or false") }
        return flag
    }

    /// A number as `Double`; integers are accepted, as Python writes `5` for `5`.
    func double() throws(ReportError) -> Double {
        switch value {
        case .double(let number): return number
        case .int(let number): return Double(number)
        case .uint(let number): return Double(number)
        default: throw mismatch("a number")
        }
    }

    /// A number or `null`.
    func optionalDouble() throws(ReportError) -> Double? { isNull ? nil : try double() }

    /// An integer that fits `Int`.
    func int() throws(ReportError) -> Int {
        guard case .int(let number) = value, let result = Int(exactly: number) else { throw mismatch("an integer") }
        return result
    }

    /// An integer or `null`.
    func optionalInt() throws(ReportError) -> Int? { isNull ? nil : try int() }

    /// A non-negative integer that fits `UInt64` (a seed).
    func uint64() throws(ReportError) -> UInt64 {
        switch value {
        case .int(let number) where number >= 0: return UInt64(number)
        case .uint(let number): return number
        default: throw mismatch("a non-negative integer")
        }
    }

    /// A non-negative integer or `null`.
    func optionalUInt64() throws(ReportError) -> UInt64? { isNull ? nil : try uint64() }

    /// An array of strings.
    func strings() throws(ReportError) -> [String] {
        var out: [String] = []
        for item in try items() { out.append(try item.string()) }
        return out
    }

    /// A string that must be one of an enum's raw values.
    func enumeration<Value: RawRepresentable>(_ type: Value.Type) throws(ReportError) -> Value
    where Value.RawValue == String, Value: CaseIterable {
        let text = try string()
        guard let result = Value(rawValue: text) else {
            throw mismatch(
                "one of \(Value.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: ", ")), not \"\(text)\"")
        }
        return result
    }
}
