/// A malformed or truncated structure inside one packet or message.
///
/// Parsers throw it; the dissector turns it into a ``Diagnostic`` and carries on with the next packet.
struct ParseError: Error, CustomStringConvertible {
    /// What went wrong, naming the field.
    let message: String

    /// A field that needed more bytes than were present.
    static func truncated(_ what: String, at offset: Int) -> ParseError {
        ParseError(message: "truncated \(what) at byte \(offset)")
    }

    /// A field with a value this parser cannot accept.
    static func invalid(_ what: String) -> ParseError {
        ParseError(message: "invalid \(what)")
    }

    var description: String { message }
}
