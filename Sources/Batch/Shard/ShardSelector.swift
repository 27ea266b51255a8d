/// One part of a matrix split into `count` shards (`--shard K/N`): the jobs of part `index`.
///
/// Invariant: `1 <= index <= count <= maximumCount`.
public struct ShardSelector: Codable, Sendable, Hashable, CustomStringConvertible {
    /// 1-based.
    public var index: Int
    public var count: Int

    /// The most shards a matrix may be split into.
    public static let maximumCount = 1024

    /// What a valid value looks like, for error messages.
    public static let syntax = "K/N with 1 <= K <= N <= \(maximumCount), e.g. 2/4"

    /// Creates a selector; `nil` unless `1 <= index <= count <= maximumCount`.
    public init?(index: Int, count: Int) {
        guard count >= 1, count <= Self.maximumCount, index >= 1, index <= count else { return nil }
        self.index = index
        self.count = count
    }

    /// Parses `K/N`; `nil` when `text` is not ``syntax``.
    public init?(parsing text: String) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, parts.allSatisfy({ $0.allSatisfy(\.isASCII) }), let index = Int(parts[0]),
            let count = Int(parts[1])
        else { return nil }
        self.init(index: index, count: count)
    }

    /// `K/N`.
    public var description: String { "\(index)/\(count)" }
}
