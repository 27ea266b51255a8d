import CLibXML2

/// libxml2's global set-up, run once: `xmlInitParser` is not reentrant, and tests render JUnit files in parallel.
private let libxml2Initialized: Void = xmlInitParser()

/// Owns a libxml2 text writer and its memory buffer; both are freed with the object.
///
/// libxml2 escapes text and attribute values and checks nesting; callers pass text already free of characters
/// XML 1.0 forbids (`TextSanitizer.clean`), which the writer does not check.
final class XMLTextWriter {
    private let buffer: xmlBufferPtr
    private let writer: xmlTextWriterPtr

    /// Starts an indented UTF-8 document.
    init() throws(ReportError) {
        _ = libxml2Initialized
        guard let buffer = xmlBufferCreate() else { throw ReportError(.xml, "xmlBufferCreate failed") }
        guard let writer = xmlNewTextWriterMemory(buffer, 0) else {
            xmlBufferFree(buffer)
            throw ReportError(.xml, "xmlNewTextWriterMemory failed")
        }
        self.buffer = buffer
        self.writer = writer
        xmlTextWriterSetIndent(writer, 1)
        _ = "  ".withCString { xmlTextWriterSetIndentString(writer, Self.xml($0)) }
        try check(xmlTextWriterStartDocument(writer, "1.0", "UTF-8", nil), "start the document")
    }

    deinit {
        xmlFreeTextWriter(writer)
        xmlBufferFree(buffer)
    }

    private static func xml(_ text: UnsafePointer<CChar>) -> UnsafePointer<xmlChar> {
        UnsafeRawPointer(text).assumingMemoryBound(to: xmlChar.self)
    }

    private func check(_ result: Int32, _ what: String) throws(ReportError) {
        if result < 0 { throw ReportError(.xml, "libxml2 could not \(what)") }
    }

    /// Opens `<name>`.
    func startElement(_ name: String) throws(ReportError) {
        try check(name.withCString { xmlTextWriterStartElement(writer, Self.xml($0)) }, "open <\(name)>")
    }

    /// Adds `name="value"` to the element just opened.
    func attribute(_ name: String, _ value: String) throws(ReportError) {
        let result = name.withCString { namePointer in
            value.withCString { xmlTextWriterWriteAttribute(writer, Self.xml(namePointer), Self.xml($0)) }
        }
        try check(result, "write attribute \(name)")
    }

    /// Writes character data into the open element.
    func text(_ content: String) throws(ReportError) {
        try check(content.withCString { xmlTextWriterWriteString(writer, Self.xml($0)) }, "write text")
    }

    /// Closes the innermost open element.
    func endElement() throws(ReportError) {
        try check(xmlTextWriterEndElement(writer), "close an element")
    }

    /// Closes every open element, ends the document and returns its bytes.
    func finish() throws(ReportError) -> [UInt8] {
        try check(xmlTextWriterEndDocument(writer), "end the document")
        try check(xmlTextWriterFlush(writer), "flush")
        guard let content = xmlBufferContent(buffer) else { return [] }
        return Array(UnsafeBufferPointer(start: content, count: Int(xmlBufferLength(buffer))))
    }
}
