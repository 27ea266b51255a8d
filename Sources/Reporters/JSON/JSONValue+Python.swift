import StrictJSON

/// Serialisation exactly as Python's `json.dumps` writes it.
extension JSONValue {
    /// How to lay out the text; each layout equals one `json.dumps` call.
    struct PythonLayout: Sendable {
        /// Escape every non-ASCII character as `\uXXXX` (`ensure_ascii=True`).
        var ensureASCII: Bool
        /// Spaces per nesting level (`indent=`), or `nil` for one line with `", "` and `": "`.
        var indent: Int?
        /// Also escape `<`, `>`, `&`, U+2028 and U+2029, so the text can sit inside an HTML `<script>`; not Python.
        var htmlSafe: Bool = false

        /// `json.dumps(value)`: the defaults upstream's `json.dump` uses.
        static let compatible = PythonLayout(ensureASCII: true, indent: nil)
        /// `json.dumps(value, indent=2, ensure_ascii=False)`.
        static let readable = PythonLayout(ensureASCII: false, indent: 2)
    }

    /// The UTF-8 text of this value in `layout`.
    func pythonJSON(_ layout: PythonLayout = .compatible) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(4096)
        write(to: &out, layout: layout, level: 0)
        return out
    }

    private func write(to out: inout [UInt8], layout: PythonLayout, level: Int) {
        switch self {
        case .null: out.append(contentsOf: "null".utf8)
        case .bool(let flag): out.append(contentsOf: (flag ? "true" : "false").utf8)
        case .int(let number): out.append(contentsOf: String(number).utf8)
        case .uint(let number): out.append(contentsOf: String(number).utf8)
        case .double(let number): out.append(contentsOf: PythonFloat.repr(number).utf8)
        case .string(let text): Self.writeString(text, to: &out, layout: layout)
        case .array(let items):
            guard !items.isEmpty else { return out.append(contentsOf: "[]".utf8) }
            out.append(UInt8(ascii: "["))
            for (position, item) in items.enumerated() {
                Self.separate(&out, first: position == 0, layout: layout, level: level + 1)
                item.write(to: &out, layout: layout, level: level + 1)
            }
            Self.close(&out, layout: layout, level: level)
            out.append(UInt8(ascii: "]"))
        case .object(let members):
            guard !members.isEmpty else { return out.append(contentsOf: "{}".utf8) }
            out.append(UInt8(ascii: "{"))
            for (position, member) in members.enumerated() {
                Self.separate(&out, first: position == 0, layout: layout, level: level + 1)
                Self.writeString(member.key, to: &out, layout: layout)
                out.append(contentsOf: ": ".utf8)
                member.value.write(to: &out, layout: layout, level: level + 1)
            }
            Self.close(&out, layout: layout, level: level)
            out.append(UInt8(ascii: "}"))
        }
    }

    /// Python's item separator: `", "` on one line, `","` plus newline and indent otherwise.
    private static func separate(_ out: inout [UInt8], first: Bool, layout: PythonLayout, level: Int) {
        if let indent = layout.indent {
            if !first { out.append(UInt8(ascii: ",")) }
            out.append(UInt8(ascii: "\n"))
            out.append(contentsOf: repeatElement(UInt8(ascii: " "), count: indent * level))
        } else if !first {
            out.append(contentsOf: ", ".utf8)
        }
    }

    private static func close(_ out: inout [UInt8], layout: PythonLayout, level: Int) {
        guard let indent = layout.indent else { return }
        out.append(UInt8(ascii: "\n"))
        out.append(contentsOf: repeatElement(UInt8(ascii: " "), count: indent * level))
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)

    /// Python's `py_encode_basestring_ascii` (or `py_encode_basestring` without `ensureASCII`).
    private static func writeString(_ text: String, to out: inout [UInt8], layout: PythonLayout) {
        out.append(UInt8(ascii: "\""))
        for scalar in text.unicodeScalars {
            let value = scalar.value
            if layout.htmlSafe, value == 0x3C || value == 0x3E || value == 0x26 || value == 0x2028 || value == 0x2029 {
                writeEscape(value, to: &out)
                continue
            }
            switch value {
            case 0x22: out.append(contentsOf: "\\\"".utf8)
            case 0x5C: out.append(contentsOf: "\\\\".utf8)
            case 0x0A: out.append(contentsOf: "\\n".utf8)
            case 0x0D: out.append(contentsOf: "\\r".utf8)
            case 0x09: out.append(contentsOf: "\\t".utf8)
            case 0x08: out.append(contentsOf: "\\b".utf8)
            case 0x0C: out.append(contentsOf: "\\f".utf8)
            case 0x00..<0x20: writeEscape(value, to: &out)
            case 0x20..<0x7F: out.append(UInt8(value))
            default:
                if !layout.ensureASCII {
                    out.append(contentsOf: String(scalar).utf8)
                } else if value < 0x10000 {
                    writeEscape(value, to: &out)
                } else {
                    let offset = value - 0x10000
                    writeEscape(0xD800 | (offset >> 10), to: &out)
                    writeEscape(0xDC00 | (offset & 0x3FF), to: &out)
                }
            }
        }
        out.append(UInt8(ascii: "\""))
    }

    private static func writeEscape(_ unit: UInt32, to out: inout [UInt8]) {
        out.append(contentsOf: "\\u".utf8)
        for shift in stride(from: 12, through: 0, by: -4) {
            out.append(hexDigits[Int((unit >> UInt32(shift)) & 0xF)])
        }
    }
}
