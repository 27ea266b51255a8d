#include "CXMLWriter.h"

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlwriter.h>
#include <pthread.h>
#include <stdlib.h>

struct cxml_writer {
    xmlBufferPtr buffer;
    xmlTextWriterPtr writer;
};

static pthread_once_t initialized = PTHREAD_ONCE_INIT;

// xmlInitParser is not reentrant; reports may be rendered from several threads.
static void initialize(void) { xmlInitParser(); }

cxml_writer *cxml_writer_create(void) {
    pthread_once(&initialized, initialize);
    cxml_writer *result = calloc(1, sizeof(cxml_writer));
    if (result == NULL) return NULL;
    result->buffer = xmlBufferCreate();
    if (result->buffer == NULL) {
        free(result);
        return NULL;
    }
    result->writer = xmlNewTextWriterMemory(result->buffer, 0);
    if (result->writer == NULL) {
        xmlBufferFree(result->buffer);
        free(result);
        return NULL;
    }
    xmlTextWriterSetIndent(result->writer, 1);
    xmlTextWriterSetIndentString(result->writer, BAD_CAST "  ");
    if (xmlTextWriterStartDocument(result->writer, "1.0", "UTF-8", NULL) < 0) {
        cxml_writer_free(result);
        return NULL;
    }
    return result;
}

void cxml_writer_free(cxml_writer *writer) {
    if (writer == NULL) return;
    xmlFreeTextWriter(writer->writer);
    xmlBufferFree(writer->buffer);
    free(writer);
}

int cxml_writer_start_element(cxml_writer *writer, const char *name) {
    return xmlTextWriterStartElement(writer->writer, BAD_CAST name);
}

int cxml_writer_attribute(cxml_writer *writer, const char *name, const char *value) {
    return xmlTextWriterWriteAttribute(writer->writer, BAD_CAST name, BAD_CAST value);
}

int cxml_writer_text(cxml_writer *writer, const char *text) {
    return xmlTextWriterWriteString(writer->writer, BAD_CAST text);
}

int cxml_writer_end_element(cxml_writer *writer) { return xmlTextWriterEndElement(writer->writer); }

int cxml_writer_finish(cxml_writer *writer, const unsigned char **bytes, int *length) {
    int result = xmlTextWriterEndDocument(writer->writer);
    if (result < 0) return result;
    result = xmlTextWriterFlush(writer->writer);
    if (result < 0) return result;
    *bytes = xmlBufferContent(writer->buffer);
    *length = xmlBufferLength(writer->buffer);
    return 0;
}
