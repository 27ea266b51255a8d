import StrictJSON
import Testing

@Suite struct JSONParserTests {
    private func parse(_ text: String, allowsNonFinite: Bool = false) throws(JSONSyntaxError) -> JSONValue {
        try JSONParser.parse(Array(text.utf8), allowsNonFinite: allowsNonFinite)
    }

    @Test func keepsMemberOrderAndExactIntegers() throws {
        let value = try parse(#"{"b": 1, "a": [true, null, -0.5e1, "\u00e9\ud83d\ude42"], "c": 18446744073709551615}"#)
        #expect(
            value
                == .object([
                    .init("b", .int(1)), .init("a", .array([.bool(true), .null, .double(-5), .string("é🙂")])),
                    .init("c", .uint(.max)),
                ]))
    }

    /// What YAML, Foundation or Python accept but strict JSON does not, each at its line and column (golden).
    @Test(arguments: [
        ("[\"quic-go\",]", "1:12: trailing comma before ']'"),
        ("{\n  \"jobs\": 1,\n}", "3:1: trailing comma before '}'"),
        ("{\"jobs\": 2 /* c */}", "1:12: expected ',' or '}'"),
        ("// c\n{}", "1:1: JSON has no comments"),
        ("{'jobs': 2}", "1:2: keys take double quotes in JSON"),
        ("['a']", "1:2: strings take double quotes in JSON"),
        ("{\"a\": 1,\n \"a\": 2}", "2:2: duplicate key \"a\" (first at line 1, column 2)"),
        ("[NaN]", "1:2: expected a JSON value"),
        ("[01]", "1:2: a number must not start with 0"),
        ("[1.]", "1:4: expected a digit after '.'"),
        ("[.5]", "1:2: expected a JSON value"),
        ("[1e]", "1:4: expected a digit in the exponent"),
        ("{} {}", "1:4: unexpected text after the value"),
        ("{},", "1:3: trailing comma"),
        ("", "1:1: unexpected end of input, expected a value"),
        ("[\"a\tb\"]", "1:4: control character in a string (write it as an escape)"),
        ("[\"\\x41\"]", "1:3: invalid escape '\\x'"),
        ("[\"é\", x]", "1:7: expected a JSON value"),
        ("{\"a\" 1}", "1:6: expected ':' after the key"),
        ("[1 2]", "1:4: expected ',' or ']'"),
        ("{\"a\": [1, 2}", "1:12: expected ',' or ']'"),
        ("\"unterminated", "1:14: unterminated string"),
    ])
    func refusesWithLineAndColumn(_ text: String, _ expected: String) {
        #expect(throws: JSONSyntaxError.self) { try parse(text) }
        do {
            _ = try parse(text)
        } catch {
            #expect(error.description == expected)
        }
    }

    @Test func pythonNonFiniteOnlyWhenAllowed() throws {
        let value = try parse("[NaN, Infinity, -Infinity]", allowsNonFinite: true)
        guard case .array(let items) = value, case .double(let nan) = items[0] else {
            Issue.record("not an array of doubles: \(value)")
            return
        }
        #expect(nan.isNaN && items[1] == .double(.infinity) && items[2] == .double(-.infinity))
        #expect(throws: JSONSyntaxError.self) { try parse("[Infinity]") }
    }

    @Test func deepNestingIsAnErrorNotACrash() {
        let deep = String(repeating: "[", count: 100_000)
        do {
            _ = try parse(deep)
            Issue.record("accepted")
        } catch {
            #expect(error.message == "nesting deeper than 512 levels" && error.column == 513)
        }
    }
}
