/* lazy_wheel.h — a wheel's .dist-info/METADATA without downloading the wheel: HTTP range
 * requests on the zip (tail, central directory, one member), falling back to the whole file
 * when the server ignores Range; also the same read over a wheel already in memory. */
#ifndef GL_LAZY_WHEEL_H
#define GL_LAZY_WHEEL_H

#include <stdbool.h>
#include <stddef.h>

#include "cache.h"
#include "error.h"
#include "fetch.h"
#include "strbuf.h"

/* The most downloaded when a server ignores Range and sends the whole wheel (CUDA wheels run
 * to gigabytes: beyond this the read fails rather than hold it all in memory). */
#define GL_LAZY_WHEEL_MAX_WHOLE (512ull << 20)

/* How a read went, for callers that report or test it. */
typedef struct gl_lazy_wheel_info {
    int requests;    /* transfers made (retries not counted) */
    bool whole_file; /* the server ignored Range: the whole wheel was downloaded */
} gl_lazy_wheel_info;

/* Appends the METADATA of the wheel at url (http, https or file) to out. The member is
 * "<name>-<version>.dist-info/METADATA" for the name and version in the wheel's file name; a
 * single top-level .dist-info is accepted when its spelling differs. info may be NULL.
 * Errors name the (redacted) URL: "not a zip archive: …", "no .dist-info/METADATA in …". */
bool gl_lazy_wheel_metadata(gl_fetcher *f, const char *url, gl_strbuf *out,
                            gl_lazy_wheel_info *info, gl_error *err);

/* gl_lazy_wheel_metadata through the cache: the METADATA read out of a wheel is stored (a
 * wheel's content never changes under its URL) and later served with no request; offline, the
 * stored copy is the only source and a miss is GL_ENOTFOUND "offline: no cached copy of …".
 * info->requests is 0 when the cache answered. */
bool gl_lazy_wheel_metadata_cached(gl_cache *cache, const char *url, gl_strbuf *out,
                                   gl_lazy_wheel_info *info, gl_error *err);

/* The same over a wheel in memory; filename (the wheel's file name) picks the .dist-info and
 * names the wheel in messages. */
bool gl_wheel_metadata_from_buffer(const void *data, size_t len, const char *filename,
                                   gl_strbuf *out, gl_error *err);

#endif
