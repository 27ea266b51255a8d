/// A set of matrix cells: a server, a client and a test, each a name or a pattern in which `*` stands for any run of
/// characters and `?` for one character (`quic-*`, `*`).
public struct CellPattern: Sendable, Hashable, CustomStringConvertible {
    public var server: String
    public var client: String
    public var test: String
    /// Where the pattern was written, for messages (`policy.yml:4: required[2]`).
    public var origin: String

    /// Creates a pattern; a part left out matches everything.
    public init(server: String = "*", client: String = "*", test: String = "*", origin: String = "") {
        self.server = server
        self.client = client
        self.test = test
        self.origin = origin
    }

    /// Whether the cell of `server`, `client` and `test` is one of this pattern's.
    public func matches(server: String, client: String, test: String) -> Bool {
        Self.glob(self.server, server) && Self.glob(self.client, client) && Self.glob(self.test, test)
    }

    /// Whether `text` matches `pattern` (`*` any run, `?` one character, everything else itself).
    public static func glob(_ pattern: String, _ text: String) -> Bool {
        if pattern == "*" { return true }
        let pattern = Array(pattern)
        let text = Array(text)
        // Iterative matching with one backtrack point: linear for the patterns people write.
        var p = 0
        var t = 0
        var star: Int?
        var resume = 0
        while t < text.count {
            if p < pattern.count, pattern[p] == "?" || (pattern[p] != "*" && pattern[p] == text[t]) {
                p += 1
                t += 1
            } else if p < pattern.count, pattern[p] == "*" {
                star = p
                resume = t
                p += 1
            } else if let star {
                p = star + 1
                resume += 1
                t = resume
            } else {
                return false
            }
        }
        while p < pattern.count, pattern[p] == "*" { p += 1 }
        return p == pattern.count
    }

    /// Whether a part is a pattern rather than a name.
    public static func isWildcard(_ part: String) -> Bool { part.contains("*") || part.contains("?") }

    /// `server quic-go × client * : handshake`.
    public var description: String { "server \(server), client \(client), test \(test)" }
}
