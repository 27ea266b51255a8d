import PropertyBased

/// One change to a document: insert, delete or replace a byte, or insert a token that parsers care about. Positions
/// are taken modulo the document's length, so every edit applies to every document and shrinks sensibly.
struct Edit: Sendable, CustomStringConvertible {
    var position: Int
    var kind: Int
    var byte: UInt8

    /// Tokens of YAML and JSON grammar and values near the limits the parsers check.
    static let tokens: [[UInt8]] = [
        "[", "]", "{", "}", ",", ":", "\"", "'", "\n", "\t", "- ", "? ", "&a ", "*a", "#", "\\u", "\\", "---\n",
        "1e300", "-1", "NaN", ".nan", "99999999999999999999", "0x1F", "null", "true", "\u{1B}[31m", "\0", "é",
        "\u{FEFF}",
        "all", "none", "handshake", "quic-go", "timeouts", "output", "command", "role", "status", "start_time",
    ].map { Array($0.utf8) }

    /// The generator of edit lists: up to twelve edits.
    static let list = zip(Gen.int(in: 0...1_000_000), Gen.int(in: 0...3), Gen<UInt8>.value(in: 0...255))
        .map { Edit(position: $0.0, kind: $0.1, byte: $0.2) }
        .array(of: 0...12)

    /// `document` with `edits` applied in order.
    static func apply(_ edits: [Edit], to document: [UInt8]) -> [UInt8] {
        var bytes = document
        for edit in edits {
            let at = bytes.isEmpty ? 0 : edit.position % (bytes.count + 1)
            switch edit.kind {
            case 0: bytes.insert(edit.byte, at: at)
            case 1: if at < bytes.count { bytes.remove(at: at) }
            case 2: if at < bytes.count { bytes[at] = edit.byte }
            default: bytes.insert(contentsOf: tokens[Int(edit.byte) % tokens.count], at: at)
            }
        }
        return bytes
    }

    var description: String { "\(["insert", "delete", "replace", "token"][kind])@\(position):\(byte)" }
}

/// The input of one fuzz case: which seed document, and the edits made to it; or, now and then, random bytes.
struct FuzzInput: Sendable, CustomStringConvertible {
    var seed: Int
    var edits: [Edit]
    var random: [UInt8]?

    /// Inputs over `seedCount` seed documents: four in five are mutated seeds, one random bytes.
    static func generator(seedCount: Int) -> Generator<FuzzInput, some SendableSequenceType> {
        zip(
            Gen.int(in: 0...(seedCount - 1)), Edit.list,
            Gen<UInt8>.value(in: 0...255).array(of: 0...400).optional(valueRate: 0.2)
        )
        .map { FuzzInput(seed: $0.0, edits: $0.1, random: $0.2) }
    }

    /// The bytes this input stands for, from `seeds`.
    func bytes(_ seeds: [[UInt8]]) -> [UInt8] {
        random ?? Edit.apply(edits, to: seeds[seed])
    }

    var description: String {
        random.map { "random \($0)" } ?? "seed \(seed) with \(edits)"
    }
}
