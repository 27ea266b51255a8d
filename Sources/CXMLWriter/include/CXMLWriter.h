// A narrow C interface over libxml2's streaming text writer. Swift sees only this header, never libxml2's: a Swift
// file that sees libxml2's headers and Foundation fails to build (both bring ICU's UErrorCode, differently).
#ifndef CXMLWRITER_H
#define CXMLWRITER_H

typedef struct cxml_writer cxml_writer;

/// A new indented UTF-8 document, or NULL when libxml2 cannot allocate one.
cxml_writer *cxml_writer_create(void);
/// Frees the writer and its buffer.
void cxml_writer_free(cxml_writer *writer);
/// Each returns a negative value on failure, as libxml2 does.
int cxml_writer_start_element(cxml_writer *writer, const char *name);
int cxml_writer_attribute(cxml_writer *writer, const char *name, const char *value);
int cxml_writer_text(cxml_writer *writer, const char *text);
int cxml_writer_end_element(cxml_writer *writer);
/// Ends the document; `*bytes` then points into the writer's buffer (valid until it is freed).
int cxml_writer_finish(cxml_writer *writer, const unsigned char **bytes, int *length);

#endif
