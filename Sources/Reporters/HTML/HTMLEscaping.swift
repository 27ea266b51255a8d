/// Escaping for text that comes from outside (implementation names, reasons) into HTML.
enum HTMLEscaping {
    /// `text` cleaned of control characters and escaped for element content and quoted attribute values.
    static func escape(_ text: String) -> String {
        let cleaned = TextSanitizer.clean(text)
        guard cleaned.utf8.contains(where: { [0x26, 0x3C, 0x3E, 0x22, 0x27].contains($0) }) else { return cleaned }
        var out = ""
        out.reserveCapacity(cleaned.utf8.count + 16)
        for character in cleaned {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(character)
            }
        }
        return out
    }
}
