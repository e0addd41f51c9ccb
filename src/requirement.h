/* requirement.h — PEP 508 dependency specifications ("name[extras] (specifiers) ; marker",
 * "name @ url ; marker") and PEP 503 project-name normalisation: parsing, the canonical text
 * packaging's str(Requirement) prints, and a JSON form for tests and debugging. */
#ifndef GL_REQUIREMENT_H
#define GL_REQUIREMENT_H

#include <stdbool.h>
#include <stddef.h>

#include "error.h"
#include "marker.h"
#include "specifier.h"

/* A parsed requirement. A value type: embed it, gl_requirement_free it. */
typedef struct gl_requirement {
    char *name;            /* owned; as written */
    char *normalized_name; /* owned; PEP 503 form */
    char **extras;         /* owned; PEP 685-normalised, sorted, unique */
    size_t nextras;
    gl_specifier_set specifier; /* empty set when none */
    char *url;                  /* owned, or NULL */
    gl_marker *marker;          /* owned, or NULL */
} gl_requirement;

/* Parses text[0..len). On failure returns false, leaves *out empty (safe to free) and says
 * "invalid requirement '<text>': <reason>" in err. Marker variables are the standard ones. */
bool gl_requirement_parse(gl_requirement *out, const char *text, size_t len, gl_error *err);
/* The same, accepting also marker variables that vars defines (see gl_marker_parse). */
bool gl_requirement_parse_env(gl_requirement *out, const char *text, size_t len,
                              const gl_marker_env *vars, gl_error *err);
void gl_requirement_free(gl_requirement *r);
bool gl_requirement_copy(gl_requirement *dst, const gl_requirement *src);

/* Canonical text as packaging's str(Requirement): name as written, "[a,b]" (normalised extras),
 * the specifier set, "@ url" (then " " before a marker), "; marker". For example
 * "xformers@ https://h/x.whl ; python_version >= \"3.9\"". Malloc'd; NULL only on OOM. */
char *gl_requirement_to_string(const gl_requirement *r);
/* {"name":"<normalised>","extras":[...],"specifier":"<canonical or empty>",
 *  "marker":"<canonical>"|null,"url":"..."|null} on one line. Malloc'd; NULL only on OOM. */
char *gl_requirement_to_json(const gl_requirement *r);

/* PEP 503 normalisation into out (runs of -_. become "-", ASCII lowercased). False when name is
 * not a valid PEP 508 name (ASCII letters and digits, with -_. only inside) or out is too small. */
bool gl_name_normalize(const char *name, char *out, size_t outsize);
/* Malloc'ing variant over name[0..len); NULL when invalid or out of memory. */
char *gl_name_normalize_dup(const char *name, size_t len);
/* The same normalisation of any bytes, unchecked: for names read loosely from file names and
 * archive members, which need not be valid PEP 508 names. NULL only when out of memory. */
char *gl_name_normalize_any(const char *name, size_t len);
/* True when name[0..len) is a valid PEP 508 name (also the rule for extra names). */
bool gl_name_is_valid(const char *name, size_t len);

#endif
