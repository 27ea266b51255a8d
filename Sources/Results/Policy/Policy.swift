/// Which cells of a matrix gate a run: `required` cells must succeed, `known-failures` do not fail it. A policy
/// file (`--policy`) says so; the reports show which cells were required or known.
///
/// A policy judges final statuses, after auto-unsupported. A cell that is both required and a known failure is
/// required: `known-failures: [{}]` with a list of required cells gates on those cells alone.
public struct Policy: Sendable, Hashable {
    /// The file the policy came from, for messages.
    public var source: String
    /// Cells that must succeed.
    public var required: [CellPattern]
    /// Cells whose failure does not fail the run.
    public var knownFailures: [KnownFailure]

    /// Creates a policy.
    public init(source: String, required: [CellPattern] = [], knownFailures: [KnownFailure] = []) {
        self.source = source
        self.required = required
        self.knownFailures = knownFailures
    }

    /// Whether the cell must succeed.
    public func isRequired(server: String, client: String, test: String) -> Bool {
        required.contains { $0.matches(server: server, client: client, test: test) }
    }

    /// The first known failure that covers the cell, if any.
    public func knownFailure(server: String, client: String, test: String) -> KnownFailure? {
        knownFailures.first { $0.cells.matches(server: server, client: client, test: test) }
    }
}
