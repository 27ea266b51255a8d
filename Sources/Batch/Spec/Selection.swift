/// A choice of names from a known set: all of them, none, or a list.
public enum Selection: Sendable, Hashable {
    case all
    case nothing
    case names([Located<String>])
}
