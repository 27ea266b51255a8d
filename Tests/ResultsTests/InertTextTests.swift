import Results
import Testing

@Suite struct InertTextTests {
    @Test func plainTextIsUnchanged() {
        for text in ["handshake", "file a.txt differs at byte 3", "café 🙂 日本語", "a\\nb", ""] {
            #expect(InertText.escaped(text) == text)
        }
    }

    /// The issue's forged file name, terminal escapes, C1 controls, line separators and bidirectional overrides.
    @Test func controlCharactersBecomeEscapes() {
        #expect(InertText.escaped("x\n::error::forged") == #"x\n::error::forged"#)
        #expect(InertText.escaped("\u{1B}]0;PWNED\u{07}") == #"\u{1B}]0;PWNED\u{7}"#)
        #expect(InertText.escaped("a\r\n\tb\0c\u{7F}") == #"a\r\n\tb\0c\u{7F}"#)
        #expect(InertText.escaped("\u{85}next\u{9B}31m") == #"\u{85}next\u{9B}31m"#)
        #expect(InertText.escaped("a\u{2028}b\u{2029}") == #"a\u{2028}b\u{2029}"#)
        #expect(InertText.escaped("abc\u{202E}fed") == #"abc\u{202E}fed"#)
    }

    @Test func escapingTwiceIsEscapingOnce() {
        let hostile = "x\n::warning::y\u{1B}[31m\r\u{0}\u{2028}\\n"
        let once = InertText.escaped(hostile)
        #expect(InertText.escaped(once) == once)
        #expect(!once.unicodeScalars.contains(where: InertText.needsEscape))
    }

    @Test func newlinesCanBeKeptForMultiLineMessages() {
        #expect(InertText.escaped("usage:\n  run\u{1B}[0m", keepingNewlines: true) == "usage:\n  run\\u{1B}[0m")
    }
}
