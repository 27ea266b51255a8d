import struct Foundation.Date

/// Calendar arithmetic for UTC timestamps without a formatter, so JUnit files (FoundationEssentials only) and the
/// other reports print dates identically.
enum UTCTimestamp {
    /// `2026-11-24T20:38:35`: ISO 8601 in UTC, whole seconds, no zone (the form JUnit consumers expect).
    static func iso8601(_ date: Date) -> String {
        let (day, time) = split(date)
        return day + "T" + time
    }

    /// `2026-11-24 20:38:35 UTC`, for people.
    static func readable(_ date: Date) -> String {
        let (day, time) = split(date)
        return day + " " + time + " UTC"
    }

    /// `1:02:03`-style duration (hours may exceed 24), as the public interop page shows it.
    static func duration(_ seconds: Double) -> String {
        let total = seconds.isFinite ? max(0, Int64(seconds.rounded(.down))) : 0
        let h = total / 3600
        let m = (total / 60) % 60
        let s = total % 60
        return "\(h):\(pad2(m)):\(pad2(s))"
    }

    private static func split(_ date: Date) -> (String, String) {
        let seconds = date.timeIntervalSince1970
        let whole = seconds.isFinite ? Int64(seconds.rounded(.down)) : 0
        var days = whole / 86_400
        var secondOfDay = whole % 86_400
        if secondOfDay < 0 {
            secondOfDay += 86_400
            days -= 1
        }
        let (year, month, day) = civil(fromDays: days)
        let dayText = "\(pad4(year))-\(pad2(month))-\(pad2(day))"
        let timeText = "\(pad2(secondOfDay / 3600)):\(pad2((secondOfDay / 60) % 60)):\(pad2(secondOfDay % 60))"
        return (dayText, timeText)
    }

    /// Howard Hinnant's `civil_from_days`: proleptic Gregorian date of a day count since 1970-01-01.
    private static func civil(fromDays days: Int64) -> (Int64, Int64, Int64) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    private static func pad2(_ value: Int64) -> String { value < 10 ? "0\(value)" : "\(value)" }

    private static func pad4(_ value: Int64) -> String {
        let text = String(value)
        return text.count >= 4 ? text : String(repeating: "0", count: 4 - text.count) + text
    }
}
