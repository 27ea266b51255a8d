/// Finds the closest known name to a misspelt one, for `did you mean` hints.
enum Suggestion {
    /// Names longer than this are never typos of a known name, and comparing them would cost time for nothing.
    static let longestTypo = 128

    /// The candidate with the smallest edit distance to `name`, if it is close enough to be a typo.
    static func closest(to name: String, in candidates: some Sequence<String>) -> String? {
        guard name.utf8.count <= longestTypo else { return nil }
        let lowered = name.lowercased()
        let allowed = max(2, lowered.count / 3)
        var best: (name: String, distance: Int)?
        // The distance is at least the difference in length, so candidates too long or too short are skipped.
        for candidate in candidates where abs(candidate.count - lowered.count) <= allowed {
            let distance = editDistance(lowered, candidate.lowercased())
            if distance < (best?.distance ?? Int.max) { best = (candidate, distance) }
        }
        guard let best, best.distance <= allowed else { return nil }
        return best.name
    }

    /// `unknown test "x"` plus `; did you mean "y"?` when a close name exists.
    static func unknown(_ kind: String, _ name: String, in candidates: some Sequence<String>) -> String {
        if name.isEmpty { return "empty \(kind) name" }
        if let match = closest(to: name, in: candidates) {
            return "unknown \(kind) \(Echo.quoted(name)); did you mean \"\(match)\"?"
        }
        return "unknown \(kind) \(Echo.quoted(name))"
    }

    /// Levenshtein distance over characters.
    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a)
        let b = Array(b)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)
                current[j] = Swift.min(previous[j] + 1, current[j - 1] + 1, substitution)
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
