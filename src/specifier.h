/* specifier.h — PEP 440 version specifiers (~=, ==, ==X.*, !=, !=X.*, <=, >=, <, >, ===)
 * and comma-joined specifier sets, with the PEP's exact matching rules, pre-release and
 * local-label handling included. */
#ifndef GL_SPECIFIER_H
#define GL_SPECIFIER_H

#include <stdbool.h>
#include <stddef.h>

#include "error.h"
#include "version.h"

typedef enum gl_spec_op {
    GL_OP_COMPATIBLE, /* ~= */
    GL_OP_EQ,         /* == */
    GL_OP_EQ_PREFIX,  /* ==X.* */
    GL_OP_NE,         /* != */
    GL_OP_NE_PREFIX,  /* !=X.* */
    GL_OP_LE,         /* <= */
    GL_OP_GE,         /* >= */
    GL_OP_LT,         /* < */
    GL_OP_GT,         /* > */
    GL_OP_ARBITRARY,  /* === */
} gl_spec_op;

typedef struct gl_specifier {
    gl_spec_op op;
    gl_version version; /* unused (empty) for GL_OP_ARBITRARY */
    char *text;         /* owned; the version text as written, trimmed (for === and for display) */
} gl_specifier;

typedef struct gl_specifier_set {
    gl_specifier *items; /* owned */
    size_t count;        /* 0 = matches every version (pre-releases only when allowed) */
} gl_specifier_set;

/* Parses ">=2.2,<3" (whitespace anywhere between tokens; an empty string is the empty set).
 * As packaging's SpecifierSet, empty items (">=1,,<2", a trailing comma) are skipped.
 * On failure returns false with *out empty and err naming the specifier and the reason. */
bool gl_specifier_set_parse(gl_specifier_set *out, const char *text, size_t len, gl_error *err);
void gl_specifier_set_free(gl_specifier_set *s);

/* Pre-release policy, as packaging's SpecifierSet.contains: a pre-release (or dev) version
 * matches only if allow_pre is true or one of the specifiers itself names a pre-release
 * (with any operator but != and ==X.*: "<2.0rc1" does, as in packaging 22+). */
bool gl_specifier_set_contains(const gl_specifier_set *s, const gl_version *v, bool allow_pre);
bool gl_specifier_contains(const gl_specifier *s, const gl_version *v, bool allow_pre);
bool gl_specifier_set_names_prerelease(const gl_specifier_set *s);

/* Canonical text, as packaging's str(SpecifierSet): each specifier as operator + version as
 * written, sorted and comma-joined; equal specifiers (">=1.0" and ">=1") appear once, as the
 * first was written. Malloc'd, the caller frees; NULL only when memory runs out. */
char *gl_specifier_set_to_string(const gl_specifier_set *s);

#endif
