/* version.h — PEP 440 versions: parsing every valid spelling, the canonical string form
 * (as packaging's str(Version) prints it), and the total order the PEP defines.
 * gpulock never lets anything else (libsolv's RPM order included) decide version order. */
#ifndef GL_VERSION_H
#define GL_VERSION_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "error.h"

enum gl_pre_kind { GL_PRE_NONE = 0, GL_PRE_ALPHA, GL_PRE_BETA, GL_PRE_RC };

#define GL_VERSION_INLINE_RELEASE 5

/* A parsed version. A value type: embed it, gl_version_free it, gl_version_copy it
 * (a plain struct copy would share heap parts). */
typedef struct gl_version {
    uint64_t epoch;
    uint64_t pre;  /* meaningful when pre_kind != GL_PRE_NONE */
    uint64_t post; /* meaningful when has_post */
    uint64_t dev;  /* meaningful when has_dev */
    uint64_t inline_release[GL_VERSION_INLINE_RELEASE];
    uint64_t *heap_release; /* owned; used instead of inline_release when nrelease is larger */
    char *local;            /* owned; normalised local label ("cu128", "ubuntu.1") or NULL */
    uint32_t nrelease;      /* >= 1 */
    uint8_t pre_kind;       /* enum gl_pre_kind */
    bool has_post;
    bool has_dev;
} gl_version;

static inline const uint64_t *gl_version_release(const gl_version *v)
{
    return v->heap_release ? v->heap_release : v->inline_release;
}

/* Parses text[0..len) (surrounding whitespace, a leading 'v' and any case allowed).
 * On failure returns false, leaves *out empty (safe to free) and says why in err:
 * "invalid version '1.0-abc': <reason>". */
bool gl_version_parse(gl_version *out, const char *text, size_t len, gl_error *err);
bool gl_version_parse_cstr(gl_version *out, const char *text, gl_error *err);
void gl_version_free(gl_version *v);
bool gl_version_copy(gl_version *dst, const gl_version *src);

/* Length in bytes of the whitespace character (Python's str.isspace(): ASCII, or a UTF-8
 * encoded Unicode space such as U+00A0) that starts at p / ends at end; 0 if there is none.
 * Versions and specifiers allow such whitespace around them, as packaging's \s does. */
size_t gl_version_space_at(const char *p, const char *end);
size_t gl_version_space_before(const char *start, const char *end);

/* PEP 440 total order, local labels included: <0, 0, >0. */
int gl_version_compare(const gl_version *a, const gl_version *b);
/* The same order with local labels ignored. */
int gl_version_compare_public(const gl_version *a, const gl_version *b);

bool gl_version_is_prerelease(const gl_version *v); /* has a pre or dev segment */
bool gl_version_is_postrelease(const gl_version *v);

/* Canonical form, snprintf semantics (returns the length it needs). */
size_t gl_version_format(const gl_version *v, char *buf, size_t size);
/* Canonical form of the public part only (no "+local"). */
size_t gl_version_format_public(const gl_version *v, char *buf, size_t size);
/* Canonical form, malloc'd; the caller frees. NULL only when memory runs out. */
char *gl_version_to_string(const gl_version *v);

#endif
