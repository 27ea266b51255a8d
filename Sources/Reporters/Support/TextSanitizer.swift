/// Cleans text that comes from outside (endpoint output, reasons, names) before it enters a report.
enum TextSanitizer {
    /// Removes ANSI escape sequences and control characters, keeping tab and newline; `\r\n` and a lone `\r`
    /// become `\n`. The result is valid XML 1.0 character data and prints without side effects on a terminal.
    static func clean(_ text: String) -> String {
        // Fast path: most reasons are plain printable text.
        if text.utf8.allSatisfy({ ($0 >= 0x20 && $0 < 0x7F) || $0 == 0x0A || $0 == 0x09 }) { return text }
        var out = String.UnicodeScalarView()
        let scalars = Array(text.unicodeScalars)
        var i = 0
        while i < scalars.count {
            let value = scalars[i].value
            switch value {
            case 0x1B:
                i = endOfEscapeSequence(scalars, from: i)
                continue
            case 0x0D:
                if i + 1 < scalars.count, scalars[i + 1].value == 0x0A {
                    i += 1
                    continue
                }
                out.append("\n")
            case 0x09, 0x0A:
                out.append(scalars[i])
            case 0x00..<0x20, 0x7F..<0xA0, 0xFFFE, 0xFFFF:
                break
            default:
                out.append(scalars[i])
            }
            i += 1
        }
        return String(out)
    }

    /// The index just past the escape sequence starting at `start` (an ESC): upstream's
    /// `\x1B[@-_][0-?]*[ -/]*[@-~]`, plus OSC strings ended by BEL or ESC `\`; a bare ESC is dropped alone.
    private static func endOfEscapeSequence(_ scalars: [Unicode.Scalar], from start: Int) -> Int {
        var i = start + 1
        guard i < scalars.count, (0x40...0x5F).contains(scalars[i].value) else { return i }
        if scalars[i] == "]" {
            i += 1
            while i < scalars.count {
                if scalars[i].value == 0x07 { return i + 1 }
                if scalars[i].value == 0x1B, i + 1 < scalars.count, scalars[i + 1] == "\\" { return i + 2 }
                i += 1
            }
            return i
        }
        i += 1
        while i < scalars.count, (0x30...0x3F).contains(scalars[i].value) { i += 1 }
        while i < scalars.count, (0x20...0x2F).contains(scalars[i].value) { i += 1 }
        if i < scalars.count, (0x40...0x7E).contains(scalars[i].value) { i += 1 }
        return i
    }

    /// `text` cut to at most `maxBytes` UTF-8 bytes (at a character boundary), with a note saying how much went.
    static func capped(_ text: String, maxBytes: Int) -> String {
        let size = text.utf8.count
        guard size > maxBytes else { return text }
        let note = "\n[truncated: \(size) bytes, limit \(maxBytes)]"
        let budget = max(0, maxBytes - note.utf8.count)
        var kept = 0
        var end = text.startIndex
        for index in text.indices {
            let width = text[index].utf8.count
            if kept + width > budget { break }
            kept += width
            end = text.index(after: index)
        }
        return String(text[..<end]) + note
    }

    /// The first line of `text`, at most `maxBytes` bytes: for one-line messages (JUnit `message`, annotations).
    static func firstLine(_ text: String, maxBytes: Int) -> String {
        let line =
            text.split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? ""
        return capped(line, maxBytes: maxBytes)
    }
}
