/* core_metadata.h — reads a distribution's core metadata (METADATA, PKG-INFO, PEP 658 .metadata
 * files; Metadata-Version 1.0 to 2.4): the email-header fields the resolver needs. Requirement
 * strings stay strings here; requirement.h parses them. */
#ifndef GL_CORE_METADATA_H
#define GL_CORE_METADATA_H

#include <stdbool.h>
#include <stddef.h>

#include "error.h"

/* All strings owned, unfolded (continuation lines joined) and trimmed. */
typedef struct gl_core_metadata {
    char *metadata_version; /* NULL if the file has none */
    char *name;
    char *version;
    char *requires_python; /* NULL if absent */
    char **requires_dist;  /* as written, in file order */
    size_t nrequires_dist;
    char **provides_extra;
    size_t nprovides_extra;
    char **dynamic; /* field names the build may still change (2.2+) */
    size_t ndynamic;
} gl_core_metadata;

/* Parses data[0..len). source names the input in error messages (file name or URL; shown
 * redacted). Fails for a missing or empty Name or Version, a repeated single-valued field, a
 * header line that is no "Field: value" line, a NUL byte in the headers, or a Metadata-Version
 * whose major is above 2. On failure *md is left empty (safe to free). */
bool gl_core_metadata_parse(gl_core_metadata *md, const char *data, size_t len, const char *source,
                            gl_error *err);
void gl_core_metadata_free(gl_core_metadata *md);

#endif
