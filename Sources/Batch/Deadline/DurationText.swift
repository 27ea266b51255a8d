/// Durations as people write them on a command line or in a spec: `90s`, `45m`, `1h30m`, `2h`, `1m30s`.
public enum DurationText {
    /// The duration of `text`: one or more `<integer><unit>` parts, units `h`, `m`, `s` in that order, each at most
    /// once; `nil` for anything else, zero included.
    public static func parse(_ text: String) -> Duration? {
        var seconds: Int64 = 0
        var number: Int64?
        var seenUnits = ""
        for character in text {
            if let digit = character.wholeNumberValue, character.isASCII {
                let (times, overflow) = (number ?? 0).multipliedReportingOverflow(by: 10)
                guard !overflow, times <= Int64.max - Int64(digit) else { return nil }
                number = times + Int64(digit)
                continue
            }
            guard let value = number, let scale = units[character], !seenUnits.contains(character),
                seenUnits.allSatisfy({ (units[$0] ?? 0) > scale })
            else { return nil }
            let (part, overflow) = value.multipliedReportingOverflow(by: scale)
            guard !overflow, part <= Int64.max - seconds else { return nil }
            seconds += part
            seenUnits.append(character)
            number = nil
        }
        guard number == nil, !seenUnits.isEmpty, seconds > 0 else { return nil }
        return .seconds(seconds)
    }

    /// `duration` in the form ``parse(_:)`` reads, whole seconds: `1h30m`, `90s` → `1m30s`.
    public static func format(_ duration: Duration) -> String {
        let total = duration.components.seconds
        let (hours, minutes, seconds) = (total / 3600, total % 3600 / 60, total % 60)
        var text = ""
        if hours > 0 { text += "\(hours)h" }
        if minutes > 0 { text += "\(minutes)m" }
        if seconds > 0 || text.isEmpty { text += "\(seconds)s" }
        return text
    }

    private static let units: [Character: Int64] = ["h": 3600, "m": 60, "s": 1]
}
