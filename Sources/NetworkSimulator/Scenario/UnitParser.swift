/// Parses ns-3 attribute values with units: `Time` (`15ms`) and `DataRate` (`10Mbps`).
enum UnitParser {
    /// Splits `"15.5ms"` into `(15.5, "ms")`.
    private static func split(_ text: String) -> (Double, String)? {
        let numberEnd = text.firstIndex(where: { !($0.isNumber || $0 == ".") }) ?? text.endIndex
        guard numberEnd > text.startIndex, let number = Double(text[..<numberEnd]), number >= 0 else { return nil }
        return (number, String(text[numberEnd...]))
    }

    /// A non-negative ns-3 time; a bare number is seconds, as in ns-3.
    static func duration(_ text: String) -> Duration? {
        guard let (number, unit) = split(text) else { return nil }
        let nanosecondsPerUnit: Double
        switch unit {
        case "", "s": nanosecondsPerUnit = 1e9
        case "ms": nanosecondsPerUnit = 1e6
        case "us": nanosecondsPerUnit = 1e3
        case "ns": nanosecondsPerUnit = 1
        case "min": nanosecondsPerUnit = 60e9
        case "h": nanosecondsPerUnit = 3600e9
        default: return nil
        }
        return .nanoseconds(Int64((number * nanosecondsPerUnit).rounded()))
    }

    /// An ns-3 data rate in bit/s: `bps`, `kbps`/`Kbps`, `Mbps`, `Gbps` (also `b/s` forms) and byte rates `Bps`,
    /// `KBps`, `MBps`, `GBps`, decimal prefixes as ns-3 uses them.
    static func dataRate(_ text: String) -> UInt64? {
        guard let (number, unit) = split(text) else { return nil }
        let normalized = unit.hasSuffix("/s") ? String(unit.dropLast(2)) + "ps" : unit
        let factor: Double
        switch normalized {
        case "bps", "": factor = 1
        case "kbps", "Kbps": factor = 1e3
        case "Mbps": factor = 1e6
        case "Gbps": factor = 1e9
        case "Bps": factor = 8
        case "kBps", "KBps": factor = 8e3
        case "MBps": factor = 8e6
        case "GBps": factor = 8e9
        default: return nil
        }
        return UInt64((number * factor).rounded())
    }
}
