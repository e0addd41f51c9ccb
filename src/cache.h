/* cache.h — the on-disk HTTP cache in front of the fetcher: one entry per URL (body, ETag,
 * Last-Modified, body sha256, fetch time), revalidated with conditional requests, served
 * without a request when a digest fixes the content, and the only source in offline mode. */
#ifndef GL_CACHE_H
#define GL_CACHE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "error.h"
#include "fetch.h"
#include "strbuf.h"

typedef struct gl_cache_options {
    const char *dir; /* NULL = gl_cache_default_dir() */
    bool offline;    /* never touch the network: a miss is GL_ENOTFOUND */
    bool verbose;    /* notes on stderr (a corrupt entry discarded, an entry not written) */
} gl_cache_options;

/* $XDG_CACHE_HOME/gpulock, else ~/.cache/gpulock; appended to out. */
bool gl_cache_default_dir(gl_strbuf *out, gl_error *err);

typedef struct gl_cache gl_cache;

/* Creates the directory if needed. fetcher is borrowed (it must outlive the cache) and may be
 * NULL only in offline mode. */
gl_cache *gl_cache_open(const gl_cache_options *opts, gl_fetcher *fetcher, gl_error *err);
void gl_cache_free(gl_cache *cache);

/* gl_fetch_batch through the cache. A URL's "#sha256=<hex>" fragment (or the request's digest)
 * makes its content immutable: a valid cached copy is served with no request at all. Other
 * cached URLs are revalidated (If-None-Match / If-Modified-Since) and a 304 serves the cached
 * body. Successful answers are stored. Range requests and file:// URLs bypass the cache (file://
 * offline too, when there is a fetcher). Results come back as from gl_fetch_batch, with status
 * 200 and from_cache set when the body came from disk. Offline, a miss is GL_ENOTFOUND
 * "offline: no cached copy of <url> (run once online or use --snapshot)". */
bool gl_cache_fetch_batch(gl_cache *cache, const gl_fetch_request *reqs, gl_fetch_result *results,
                          size_t n);
bool gl_cache_fetch(gl_cache *cache, const char *url, gl_fetch_result *res, gl_error *err);

/* One stored entry, as read back from disk. */
typedef struct gl_cache_entry {
    char *url;           /* the key URL: no credentials, no fragment */
    char *etag;          /* NULL when the server sent none */
    char *last_modified;
    char sha256[65];     /* of the body, verified when loaded */
    int64_t fetched_at;  /* seconds since the epoch */
    gl_strbuf body;
} gl_cache_entry;

void gl_cache_entry_free(gl_cache_entry *entry);

/* Writes an entry atomically (temporary file + rename). */
bool gl_cache_store(gl_cache *cache, const char *url, const void *body, size_t len,
                    const char *etag, const char *last_modified, gl_error *err);
/* Reads the entry for url. A missing entry is GL_ENOTFOUND; a corrupt one (truncated, bad
 * header, body digest mismatch) is removed from disk and reported as GL_EINVAL naming it. */
bool gl_cache_load(gl_cache *cache, const char *url, gl_cache_entry *entry, gl_error *err);
/* Where url's entry lives (malloc'd), e.g. to inspect it; NULL when memory runs out. */
char *gl_cache_entry_path(const gl_cache *cache, const char *url);

/* Content gpulock derives from a URL rather than downloads whole (a wheel's METADATA read with
 * ranges): stored under (kind, url), apart from the URL's own entry. The entry's url field is
 * "<kind> <url>". Same atomicity and corruption handling as above. */
bool gl_cache_store_derived(gl_cache *cache, const char *kind, const char *url, const void *body,
                            size_t len, gl_error *err);
bool gl_cache_load_derived(gl_cache *cache, const char *kind, const char *url, gl_cache_entry *entry,
                           gl_error *err);

bool gl_cache_is_offline(const gl_cache *cache);
bool gl_cache_is_verbose(const gl_cache *cache);
/* The fetcher the cache was opened with (NULL when offline without one). */
gl_fetcher *gl_cache_fetcher(const gl_cache *cache);

#endif
