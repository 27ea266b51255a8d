/// Cells whose failure is known and does not fail the run, with why (and where that is tracked).
public struct KnownFailure: Sendable, Hashable {
    public var cells: CellPattern
    /// Why the cells fail, for the reports.
    public var reason: String
    /// Where the failure is tracked (an issue), when given.
    public var link: String?

    /// Creates an entry.
    public init(cells: CellPattern, reason: String, link: String? = nil) {
        self.cells = cells
        self.reason = reason
        self.link = link
    }
}
