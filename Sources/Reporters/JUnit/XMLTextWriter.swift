import CXMLWriter

/// Owns a libxml2 text writer (through `CXMLWriter`) and its memory buffer; both are freed with the object.
///
/// libxml2 escapes text and attribute values and checks nesting; callers pass text already free of characters
/// XML 1.0 forbids (`TextSanitizer.clean`), which the writer does not check.
final class XMLTextWriter {
    private let writer: OpaquePointer

    /// Starts an indented UTF-8 document.
    init() throws(ReportError) {
        guard let writer = cxml_writer_create() else { throw ReportError(.xml, "libxml2 could not start a document") }
        self.writer = writer
    }

    deinit {
        cxml_writer_free(writer)
    }

    private func check(_ result: Int32, _ what: String) throws(ReportError) {
        if result < 0 { throw ReportError(.xml, "libxml2 could not \(what)") }
    }

    /// Opens `<name>`.
    func startElement(_ name: String) throws(ReportError) {
        try check(cxml_writer_start_element(writer, name), "open <\(name)>")
    }

    /// Adds `name="value"` to the element just opened.
    func attribute(_ name: String, _ value: String) throws(ReportError) {
        try check(cxml_writer_attribute(writer, name, value), "write attribute \(name)")
    }

    /// Writes character data into the open element.
    func text(_ content: String) throws(ReportError) {
        try check(cxml_writer_text(writer, content), "write text")
    }

    /// Closes the innermost open element.
    func endElement() throws(ReportError) {
        try check(cxml_writer_end_element(writer), "close an element")
    }

    /// Closes every open element, ends the document and returns its bytes.
    func finish() throws(ReportError) -> [UInt8] {
        var bytes: UnsafePointer<UInt8>?
        var length: Int32 = 0
        try check(cxml_writer_finish(writer, &bytes, &length), "end the document")
        guard let bytes else { return [] }
        return Array(UnsafeBufferPointer(start: bytes, count: Int(length)))
    }
}
