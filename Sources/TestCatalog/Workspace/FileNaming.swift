import Results

/// How the random file names of a test case are made.
public enum FileNaming: Sendable, Hashable, Codable {
    /// Upstream's `generate_slug()` of the `random-slugs` package: `adjective-adjective-noun`, kebab case.
    case slug
    /// Upstream's `random_string(length)`: `length` letters from `a` to `z` (the 0-RTT test uses 250).
    case lowercase(length: Int)

    /// A new random name.
    func makeName(using generator: inout SeededGenerator) -> String {
        switch self {
        case .slug:
            return [
                generator.element(of: SlugWords.adjectives),
                generator.element(of: SlugWords.adjectives),
                generator.element(of: SlugWords.nouns),
            ]
            .joined(separator: "-")
        case .lowercase(let length):
            let letters = (0..<length).map { _ in UInt8(ascii: "a") + UInt8(generator.uniform(below: 26)) }
            return String(decoding: letters, as: UTF8.self)
        }
    }
}
