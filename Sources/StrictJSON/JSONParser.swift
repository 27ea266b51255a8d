/// A strict JSON reader (RFC 8259) that keeps member order and reports each error with its line and column.
///
/// Strict: no trailing commas, comments, single quotes, leading zeros or bare words, and no key twice in one
/// object (Python and Foundation would silently keep one of them). The one extension, for files written by Python's
/// `json.dump`, is `NaN`, `Infinity` and `-Infinity`, accepted only when `allowsNonFinite` is set.
public struct JSONParser {
    /// Objects and arrays nested deeper than this are refused rather than risking the stack.
    public static let maximumDepth = 512

    private let bytes: [UInt8]
    private let allowsNonFinite: Bool
    private var position = 0

    /// Parses `bytes` as one JSON value with nothing but whitespace around it.
    ///
    /// - Throws: `JSONSyntaxError` at the first offending character.
    public static func parse(_ bytes: [UInt8], allowsNonFinite: Bool = false) throws(JSONSyntaxError) -> JSONValue {
        var parser = JSONParser(bytes: bytes, allowsNonFinite: allowsNonFinite)
        parser.skipWhitespace()
        let value = try parser.parseValue(depth: 0)
        parser.skipWhitespace()
        guard parser.position == bytes.count else {
            throw parser.error(parser.peek == UInt8(ascii: ",") ? "trailing comma" : "unexpected text after the value")
        }
        return value
    }

    private init(bytes: [UInt8], allowsNonFinite: Bool) {
        self.bytes = bytes
        self.allowsNonFinite = allowsNonFinite
    }

    private var peek: UInt8? { position < bytes.count ? bytes[position] : nil }

    private func error(_ message: String, at offset: Int? = nil) -> JSONSyntaxError {
        let (line, column) = location(of: offset ?? position)
        return JSONSyntaxError(line: line, column: column, message: message)
    }

    /// Line and column of byte `offset`; a column counts scalars, so UTF-8 continuation bytes do not advance it.
    private func location(of offset: Int) -> (line: Int, column: Int) {
        var line = 1
        var column = 1
        for byte in bytes[..<min(offset, bytes.count)] {
            if byte == UInt8(ascii: "\n") {
                line += 1
                column = 1
            } else if byte & 0xC0 != 0x80 {
                column += 1
            }
        }
        return (line, column)
    }

    private mutating func skipWhitespace() {
        while let byte = peek, byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 { position += 1 }
    }

    private mutating func consume(_ literal: String) -> Bool {
        let utf8 = Array(literal.utf8)
        guard position + utf8.count <= bytes.count, bytes[position..<position + utf8.count].elementsEqual(utf8) else {
            return false
        }
        position += utf8.count
        return true
    }

    private mutating func parseValue(depth: Int) throws(JSONSyntaxError) -> JSONValue {
        guard depth < Self.maximumDepth else { throw error("nesting deeper than \(Self.maximumDepth) levels") }
        guard let byte = peek else { throw error("unexpected end of input, expected a value") }
        switch byte {
        case UInt8(ascii: "{"): return try parseObject(depth: depth)
        case UInt8(ascii: "["): return try parseArray(depth: depth)
        case UInt8(ascii: "\""): return .string(try parseString())
        case UInt8(ascii: "t") where consume("true"): return .bool(true)
        case UInt8(ascii: "f") where consume("false"): return .bool(false)
        case UInt8(ascii: "n") where consume("null"): return .null
        case UInt8(ascii: "N") where allowsNonFinite && consume("NaN"): return .double(.nan)
        case UInt8(ascii: "I") where allowsNonFinite && consume("Infinity"): return .double(.infinity)
        case UInt8(ascii: "-") where allowsNonFinite && consume("-Infinity"): return .double(-.infinity)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try parseNumber()
        case UInt8(ascii: "'"): throw error("strings take double quotes in JSON")
        case UInt8(ascii: "/"), UInt8(ascii: "#"): throw error("JSON has no comments")
        case UInt8(ascii: "]"), UInt8(ascii: "}"): throw error("expected a value before '\(Unicode.Scalar(byte))'")
        default: throw error("expected a JSON value")
        }
    }

    private mutating func parseObject(depth: Int) throws(JSONSyntaxError) -> JSONValue {
        position += 1
        var members: [JSONValue.Member] = []
        var keyOffsets: [String: Int] = [:]
        skipWhitespace()
        if peek == UInt8(ascii: "}") {
            position += 1
            return .object(members)
        }
        while true {
            skipWhitespace()
            switch peek {
            case UInt8(ascii: "\"")?: break
            case UInt8(ascii: "}")?: throw error("trailing comma before '}'")
            case UInt8(ascii: "'")?: throw error("keys take double quotes in JSON")
            case nil: throw error("unexpected end of input in an object")
            default: throw error("expected a key in double quotes")
            }
            let keyOffset = position
            let key = try parseString()
            if let first = keyOffsets[key] {
                let (line, column) = location(of: first)
                throw error("duplicate key \"\(key)\" (first at line \(line), column \(column))", at: keyOffset)
            }
            keyOffsets[key] = keyOffset
            skipWhitespace()
            guard peek == UInt8(ascii: ":") else { throw error("expected ':' after the key") }
            position += 1
            skipWhitespace()
            members.append(JSONValue.Member(key, try parseValue(depth: depth + 1)))
            skipWhitespace()
            switch peek {
            case UInt8(ascii: ",")?: position += 1
            case UInt8(ascii: "}")?:
                position += 1
                return .object(members)
            case nil: throw error("unexpected end of input in an object")
            default: throw error("expected ',' or '}'")
            }
        }
    }

    private mutating func parseArray(depth: Int) throws(JSONSyntaxError) -> JSONValue {
        position += 1
        var items: [JSONValue] = []
        skipWhitespace()
        if peek == UInt8(ascii: "]") {
            position += 1
            return .array(items)
        }
        while true {
            skipWhitespace()
            if peek == UInt8(ascii: "]") { throw error("trailing comma before ']'") }
            items.append(try parseValue(depth: depth + 1))
            skipWhitespace()
            switch peek {
            case UInt8(ascii: ",")?: position += 1
            case UInt8(ascii: "]")?:
                position += 1
                return .array(items)
            case nil: throw error("unexpected end of input in an array")
            default: throw error("expected ',' or ']'")
            }
        }
    }

    private mutating func parseString() throws(JSONSyntaxError) -> String {
        position += 1
        var scalars = String.UnicodeScalarView()
        var runStart = position
        var plain: [UInt8] = []
        while true {
            guard let byte = peek else { throw error("unterminated string") }
            if byte == UInt8(ascii: "\"") {
                plain.append(contentsOf: bytes[runStart..<position])
                position += 1
                break
            }
            if byte < 0x20 { throw error("control character in a string (write it as an escape)") }
            if byte != UInt8(ascii: "\\") {
                position += 1
                continue
            }
            plain.append(contentsOf: bytes[runStart..<position])
            position += 1
            guard let escape = peek else { throw error("unterminated escape") }
            position += 1
            var scalar: Unicode.Scalar
            switch escape {
            case UInt8(ascii: "\""): scalar = "\""
            case UInt8(ascii: "\\"): scalar = "\\"
            case UInt8(ascii: "/"): scalar = "/"
            case UInt8(ascii: "b"): scalar = "\u{08}"
            case UInt8(ascii: "f"): scalar = "\u{0C}"
            case UInt8(ascii: "n"): scalar = "\n"
            case UInt8(ascii: "r"): scalar = "\r"
            case UInt8(ascii: "t"): scalar = "\t"
            case UInt8(ascii: "u"):
                var unit = try parseHex4()
                if (0xD800..<0xDC00).contains(unit), consume("\\u") {
                    let low = try parseHex4()
                    if (0xDC00..<0xE000).contains(low) {
                        unit = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00)
                    } else {
                        position -= 6
                    }
                }
                // A lone surrogate (Python can write one) has no scalar; U+FFFD keeps the rest readable.
                scalar = Unicode.Scalar(unit) ?? "\u{FFFD}"
            default:
                position -= 2
                throw error("invalid escape '\\\(Unicode.Scalar(escape).escaped(asASCII: true))'")
            }
            flush(&plain, into: &scalars)
            scalars.append(scalar)
            runStart = position
        }
        flush(&plain, into: &scalars)
        return String(scalars)
    }

    private func flush(_ plain: inout [UInt8], into scalars: inout String.UnicodeScalarView) {
        guard !plain.isEmpty else { return }
        scalars.append(contentsOf: String(decoding: plain, as: UTF8.self).unicodeScalars)
        plain.removeAll(keepingCapacity: true)
    }

    private mutating func parseHex4() throws(JSONSyntaxError) -> UInt32 {
        var value: UInt32 = 0
        for _ in 0..<4 {
            guard let byte = peek else { throw error("truncated \\u escape") }
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: throw error("invalid hex digit in a \\u escape")
            }
            value = value << 4 | UInt32(digit)
            position += 1
        }
        return value
    }

    /// RFC 8259's `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`; integers that fit stay exact.
    private mutating func parseNumber() throws(JSONSyntaxError) -> JSONValue {
        let start = position
        if peek == UInt8(ascii: "-") { position += 1 }
        guard let first = peek, isDigit(first) else { throw error("expected a digit") }
        position += 1
        if first == UInt8(ascii: "0"), let next = peek, isDigit(next) {
            throw error("a number must not start with 0", at: start)
        }
        skipDigits()
        var isInteger = true
        if peek == UInt8(ascii: ".") {
            isInteger = false
            position += 1
            guard let digit = peek, isDigit(digit) else { throw error("expected a digit after '.'") }
            skipDigits()
        }
        if peek == UInt8(ascii: "e") || peek == UInt8(ascii: "E") {
            isInteger = false
            position += 1
            if peek == UInt8(ascii: "+") || peek == UInt8(ascii: "-") { position += 1 }
            guard let digit = peek, isDigit(digit) else { throw error("expected a digit in the exponent") }
            skipDigits()
        }
        let text = String(decoding: bytes[start..<position], as: UTF8.self)
        if isInteger {
            if let value = Int64(text) { return .int(value) }
            if let value = UInt64(text) { return .uint(value) }
        }
        guard let value = Double(text) else { throw error("invalid number '\(text)'", at: start) }
        return .double(value)
    }

    private func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }

    private mutating func skipDigits() {
        while let byte = peek, isDigit(byte) { position += 1 }
    }
}
