// The parts of libxml2 the JUnit writer uses: the streaming text writer and its memory buffer.
#ifndef CLIBXML2_SHIM_H
#define CLIBXML2_SHIM_H

#include <libxml/xmlversion.h>
#include <libxml/tree.h>
#include <libxml/xmlwriter.h>

#endif
