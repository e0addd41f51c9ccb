/* simple_index.h — reads one PEP 503 "simple" HTML page (a project's file list, or the root
 * project list) into plain structs: absolute URLs, digests, Requires-Python, PEP 658/714
 * metadata availability, PEP 592 yanking. Bytes in, structs out: no network here. */
#ifndef GL_SIMPLE_INDEX_H
#define GL_SIMPLE_INDEX_H

#include <stdbool.h>
#include <stddef.h>

#include "error.h"

/* One anchor. Strings are owned by the page unless marked static. */
typedef struct gl_index_link {
    char *filename;        /* last path segment of url, percent-decoded; "" for "name/" links */
    char *url;             /* absolute, fragment removed */
    char *text;            /* anchor text, trimmed: the project name on the root page */
    const char *hash_algo; /* static canonical name ("sha256") or NULL */
    char *hash_hex;        /* lower-case hex, or NULL */
    char *requires_python; /* data-requires-python, HTML-unescaped, or NULL */
    bool has_core_metadata; /* data-core-metadata (or older data-dist-info-metadata) offered */
    const char *core_metadata_hash_algo; /* static, or NULL */
    char *core_metadata_hash_hex;        /* lower-case hex, or NULL */
    bool yanked;           /* data-yanked present */
    char *yank_reason;     /* its non-empty value, or NULL */
    char *upload_time;     /* data-upload-time as written, or NULL */
} gl_index_link;

typedef struct gl_index_page {
    char *url;                /* the page URL as given */
    char *repository_version; /* <meta name="pypi:repository-version">, or NULL */
    gl_index_link *links;     /* in page order */
    size_t nlinks;
    struct gl_index_page_strings *strings; /* private: holds every string above */
} gl_index_page;

/* Parses data[0..len), the body served at page_url (absolute). Malformed HTML is recovered as
 * browsers do; a body without anchors (not HTML at all, or an empty project) gives zero links.
 * Fails, with the (redacted) page URL and the href in the message, for an href that cannot be
 * resolved or whose file name decodes to '/' or NUL, a malformed digest of a known algorithm
 * (unknown algorithms are ignored), a repository version whose major is not 1, or a page over
 * 2 GiB.
 * On failure *page is left empty (safe to free). */
bool gl_index_page_parse(gl_index_page *page, const char *data, size_t len, const char *page_url,
                         gl_error *err);
void gl_index_page_free(gl_index_page *page);

#endif
