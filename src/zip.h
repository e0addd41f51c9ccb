/* zip.h — reads one member out of a zip archive (wheels, .zip sdists) through a byte-range
 * source: the tail (end of central directory, zip64 included), the central directory, then the
 * member's local header and data, inflated with zlib — so a remote wheel costs a few ranges. */
#ifndef GL_ZIP_H
#define GL_ZIP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "error.h"
#include "strbuf.h"

typedef struct gl_zip_source {
    void *ctx;
    const char *name; /* names the archive in messages (a redacted URL, a file name) */
    /* Appends at least the last `length` bytes of the archive to out (the whole archive when it
     * is shorter, or when the source only has it whole) and sets *size to the archive's size,
     * 0 when unknown. */
    bool (*read_tail)(void *ctx, uint64_t length, gl_strbuf *out, uint64_t *size, gl_error *err);
    /* Appends bytes [offset, offset + length) to out; fewer when the archive ends first. */
    bool (*read_at)(void *ctx, uint64_t offset, uint64_t length, gl_strbuf *out, gl_error *err);
} gl_zip_source;

/* Scores a member name (not NUL-terminated): 0 = not wanted; the highest score wins. */
typedef int (*gl_zip_score_fn)(void *ctx, const char *name, size_t len);

/* Largest member gpulock inflates (metadata files are a few KiB). */
#define GL_ZIP_MAX_MEMBER (64u << 20)

/* Extracts the best-scoring member into out; *member (if not NULL) receives its name, malloc'd.
 * Errors name the archive: "not a zip archive", no wanted member (GL_ENOTFOUND, "what" says
 * what was looked for, e.g. "no .dist-info/METADATA in <name>"), several equally good ones,
 * unsupported compression, a CRC mismatch, truncation. */
bool gl_zip_extract(const gl_zip_source *src, gl_zip_score_fn score, void *score_ctx,
                    const char *what, gl_strbuf *out, char **member, gl_error *err);

/* The same over an archive in memory. */
bool gl_zip_extract_buffer(const void *data, size_t len, const char *name, gl_zip_score_fn score,
                           void *score_ctx, const char *what, gl_strbuf *out, char **member,
                           gl_error *err);

#endif
