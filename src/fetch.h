/* fetch.h — downloads over http://, https:// and file:// through one libcurl path.
 * Batches run in parallel on a curl multi handle, with bounded retries on transient failures,
 * immediate errors on 404/401/403/TLS, optional digest checks and byte-range requests. */
#ifndef GL_FETCH_H
#define GL_FETCH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "error.h"
#include "strbuf.h"

typedef struct gl_fetch_options {
    int max_connections;      /* transfers in flight at once (default 16) */
    int max_host_connections; /* per host (default 8); HTTP/2 multiplexes beyond it */
    int retries;              /* extra attempts after a transient failure (default 3) */
    long backoff_ms;          /* wait before the first retry, doubled for each next (default 200) */
    long connect_timeout_ms;  /* default 30000 */
    long stall_timeout_s;     /* abort an attempt that receives nothing for this long (default 60) */
    long attempt_timeout_ms;  /* whole-attempt limit, 0 = none (default) */
    int max_redirects;        /* default 10 */
    bool progress;            /* allow the "fetching 12/130 pages…" line on a terminal (default true) */
    const char *progress_what; /* what the line counts: "pages", "wheels" (default "files"); borrowed */
    bool verbose;             /* notes about retries on stderr (default false) */
} gl_fetch_options;

void gl_fetch_options_default(gl_fetch_options *opts);

/* Loads libcurl and runs its process-wide set-up (curl_global_init) now rather than in the first
 * gl_fetcher_new; later calls do nothing. gl_fetch_global_cleanup, once when the process is done
 * fetching, undoes it if libcurl was ever loaded. */
bool gl_fetch_global_init(gl_error *err);
void gl_fetch_global_cleanup(void);

typedef struct gl_fetch_request {
    const char *url;              /* may carry user:password; it is never printed or stored */
    const char *digest_algo;      /* "sha256" (or another libsolv checksum), NULL = no check */
    const char *digest_hex;       /* expected digest of the whole body */
    bool range;                   /* ask for bytes [range_offset, range_offset + range_length) */
    bool range_suffix;            /* ask for the last range_length bytes instead */
    uint64_t range_offset;
    uint64_t range_length;        /* 0 with range and !range_suffix: from range_offset to the end */
    const char *if_none_match;    /* conditional request (an ETag), NULL = none */
    const char *if_modified_since;/* conditional request (an HTTP date), NULL = none */
    uint64_t max_body_bytes;      /* refuse a larger body (GL_ENET, no retry); 0 = no limit */
} gl_fetch_request;

typedef struct gl_fetch_result {
    long status;           /* HTTP status; file:// reads report 200 (206 for ranges) */
    gl_strbuf body;        /* empty for 304 */
    char *final_url;       /* after redirects, credentials removed */
    char *etag;            /* response headers, NULL when absent */
    char *last_modified;
    char *content_range;
    char *accept_ranges;
    bool range_honoured;   /* a range was asked and the body is that range (206) */
    uint64_t total_size;   /* the whole file's size when known (Content-Range or whole body), else 0 */
    int attempts;          /* transfers made, retries included */
    bool from_cache;       /* set by the cache layer: served without a transfer or after a 304 */
    gl_error error;        /* code GL_OK when the request succeeded */
} gl_fetch_result;

/* Frees what a result holds and leaves it empty (the struct itself is the caller's). */
void gl_fetch_result_free(gl_fetch_result *res);

typedef struct gl_fetcher gl_fetcher;

/* opts NULL = defaults. The fetcher is not thread-safe: one thread drives it at a time. */
gl_fetcher *gl_fetcher_new(const gl_fetch_options *opts, gl_error *err);
void gl_fetcher_free(gl_fetcher *f);
const gl_fetch_options *gl_fetcher_options(const gl_fetcher *f);

/* Runs n requests in parallel. results[i] is initialised here (callers pass uninitialised
 * memory) and must be released with gl_fetch_result_free. Returns true when every request
 * succeeded; each result carries its own error otherwise. A 304 answer to a conditional
 * request counts as success. */
bool gl_fetch_batch(gl_fetcher *f, const gl_fetch_request *reqs, gl_fetch_result *results, size_t n);

/* One plain GET; on failure *err is a copy of the result's error. */
bool gl_fetch_url(gl_fetcher *f, const char *url, gl_fetch_result *res, gl_error *err);

/* GET of bytes [offset, offset + length) (length 0: to the end). res->range_honoured says whether
 * the server sent just that range (206) or the whole file (200). */
bool gl_fetch_range(gl_fetcher *f, const char *url, uint64_t offset, uint64_t length,
                    gl_fetch_result *res, gl_error *err);
/* GET of the last `length` bytes. */
bool gl_fetch_suffix(gl_fetcher *f, const char *url, uint64_t length, gl_fetch_result *res,
                     gl_error *err);

#endif
