/// One path a run writes, what must be there for the write to work, and where the person chose it.
///
/// Every target of a run is checked before its first job (and by `validate`), so an output that cannot be written
/// stops the run before anything is created, instead of failing after the last job with half the reports written.
public struct OutputTarget: Sendable, Hashable {
    /// What the run puts at the path.
    public enum Kind: Sendable, Hashable {
        /// A file, created or replaced.
        case file
        /// A folder, created if missing, written into.
        case folder
        /// A folder that must not exist yet (the log tree: upstream refuses an existing one too).
        case newFolder
    }

    /// The path (relative to the working directory) and where it was chosen: a spec key, a flag, or a default.
    public var place: Located<String>
    public var kind: Kind
    /// What the run writes there, for messages: `result.json`, `the log folder`.
    public var role: String

    /// Creates a target.
    public init(_ place: Located<String>, _ kind: Kind, role: String) {
        self.place = place
        self.kind = kind
        self.role = role
    }

    public var path: String { place.value }
}
