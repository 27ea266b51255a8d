/// Text from outside the runner (an endpoint's file names and output, a spec's values, a command-line argument)
/// made inert for one log line or one terminal message.
///
/// Control characters are written as escapes, so such text can neither end the runner's line and start one of
/// its own (a line `::error::…` is a GitHub Actions workflow command) nor drive a terminal (ANSI and OSC sequences,
/// BEL). Escaped: C0 controls and DEL, C1 controls (NEL, the 8-bit CSI), the Unicode line and paragraph separators,
/// and the bidirectional controls that reorder what a reader sees. NUL, tab, line feed and carriage return get
/// `\0`, `\t`, `\n` and `\r`; the rest `\u{…}`. A backslash is kept as it is, so escaping is idempotent: the output
/// holds none of the escaped characters, and text escaped twice reads as text escaped once.
public enum InertText {
    /// `text` with every control character escaped; with `keepingNewlines`, line feeds stay (for messages that are
    /// several lines by design, such as usage text).
    public static func escaped(_ text: some StringProtocol, keepingNewlines: Bool = false) -> String {
        if text.utf8.allSatisfy({ ($0 >= 0x20 && $0 < 0x7F) || (keepingNewlines && $0 == 0x0A) }) {
            return String(text)
        }
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            if keepingNewlines && scalar == "\n" {
                out.unicodeScalars.append(scalar)
                continue
            }
            guard needsEscape(scalar) else {
                out.unicodeScalars.append(scalar)
                continue
            }
            switch scalar {
            case "\0": out += "\\0"
            case "\t": out += "\\t"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            default: out += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
            }
        }
        return out
    }

    /// Whether `scalar` is one of the characters `escaped` rewrites.
    public static func needsEscape(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00..<0x20, 0x7F..<0xA0: true
        case 0x2028, 0x2029: true
        case 0x202A...0x202E, 0x2066...0x2069: true
        default: false
        }
    }
}
