/// Number formatting that matches Python, so `result.json` is byte-identical to `json.dump`.
enum PythonFloat {
    /// Python's `repr(float)`: the shortest digits that round-trip, positional for exponents in -4..<16,
    /// otherwise `1e+16` / `1.5e-05`; `NaN`, `Infinity`, `-Infinity` as `json.dumps` writes them.
    static func repr(_ value: Double) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value < 0 ? "-Infinity" : "Infinity" }
        if value == 0 { return value.sign == .minus ? "-0.0" : "0.0" }
        // Swift's description also yields the shortest round-tripping digits; only the layout differs.
        let (digits, pointPosition) = shortestDigits(of: value.magnitude)
        var out = value < 0 ? "-" : ""
        if pointPosition <= -4 || pointPosition > 16 {
            out.append(digits[digits.startIndex])
            if digits.count > 1 {
                out += "."
                out += digits.dropFirst()
            }
            let exponent = pointPosition - 1
            out += exponent < 0 ? "e-" : "e+"
            let magnitude = exponent.magnitude
            if magnitude < 10 { out += "0" }
            out += String(magnitude)
        } else if pointPosition <= 0 {
            out += "0." + String(repeating: "0", count: -pointPosition) + digits
        } else if pointPosition >= digits.count {
            out += digits + String(repeating: "0", count: pointPosition - digits.count) + ".0"
        } else {
            let split = digits.index(digits.startIndex, offsetBy: pointPosition)
            out += digits[..<split] + "." + digits[split...]
        }
        return out
    }

    /// The significant digits (no leading or trailing zeros) of a positive finite value and the position of the
    /// decimal point relative to them: value = 0.d1d2… × 10^pointPosition.
    private static func shortestDigits(of value: Double) -> (String, Int) {
        let text = value.description
        var mantissa = Substring(text)
        var exponent = 0
        if let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            mantissa = text[..<e]
            exponent = Int(text[text.index(after: e)...]) ?? 0
        }
        var digits = ""
        var pointPosition = 0
        var seenPoint = false
        for character in mantissa {
            if character == "." {
                seenPoint = true
            } else {
                digits.append(character)
                if !seenPoint { pointPosition += 1 }
            }
        }
        pointPosition += exponent
        while digits.first == "0" {
            digits.removeFirst()
            pointPosition -= 1
        }
        while digits.last == "0" { digits.removeLast() }
        return (digits, pointPosition)
    }

    /// `value` with exactly `decimals` digits after the point (`"%.3f"`), for JUnit times and durations.
    static func fixed(_ value: Double, decimals: Int) -> String {
        guard value.isFinite else { return fixed(0, decimals: decimals) }
        var scale: Int64 = 1
        for _ in 0..<decimals { scale *= 10 }
        let scaled = (value.magnitude * Double(scale)).rounded(.toNearestOrEven)
        guard scaled < 9.0e18 else { return value.description }
        let units = Int64(scaled)
        var out = value < 0 && units != 0 ? "-" : ""
        out += String(units / scale)
        if decimals > 0 {
            let fraction = String(units % scale)
            out += "." + String(repeating: "0", count: decimals - fraction.count) + fraction
        }
        return out
    }
}
