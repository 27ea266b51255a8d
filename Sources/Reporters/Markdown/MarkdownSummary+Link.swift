extension MarkdownSummary {
    /// A link from outside (a known failure's issue) as a Markdown autolink when it is a plain http(s) URL, else as
    /// escaped text: a `javascript:` link or one that would break out of the autolink never becomes a link.
    static func link(_ url: String) -> String {
        let plain = url.unicodeScalars.allSatisfy {
            $0.value > 0x20 && $0.value < 0x7F && !"<>`|\\\"".unicodeScalars.contains($0)
        }
        guard plain, url.hasPrefix("https://") || url.hasPrefix("http://") else { return escape(url) }
        return "<\(url)>"
    }
}
