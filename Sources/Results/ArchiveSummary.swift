/// The archive of a run's log tree as written: where it is and how large, so the reports can say so.
public struct ArchiveSummary: Codable, Sendable, Hashable {
    /// The archive's path, as the run was given it.
    public var path: String
    /// Its size in bytes.
    public var bytes: Int64

    /// Creates a summary.
    public init(path: String, bytes: Int64) {
        self.path = path
        self.bytes = bytes
    }

    /// The file name without its folder.
    public var fileName: String { path.split(separator: "/").last.map(String.init) ?? path }

    /// The size for people: `812 kB`, `42.1 MB`, `1.50 GB` (decimal units, as artifact pages show them).
    public var readableSize: String {
        let value = Double(bytes)
        if bytes < 1_000 { return "\(bytes) B" }
        if bytes < 1_000_000 { return "\(Int((value / 1e3).rounded())) kB" }
        if bytes < 1_000_000_000 { return Self.oneDecimal(value / 1e6) + " MB" }
        return Self.twoDecimals(value / 1e9) + " GB"
    }

    private static func oneDecimal(_ value: Double) -> String {
        let tenths = Int64((value * 10).rounded())
        return "\(tenths / 10).\(tenths % 10)"
    }

    private static func twoDecimals(_ value: Double) -> String {
        let hundredths = Int64((value * 100).rounded())
        let fraction = hundredths % 100
        return "\(hundredths / 100)." + (fraction < 10 ? "0" : "") + "\(fraction)"
    }
}
