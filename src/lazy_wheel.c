#include "lazy_wheel.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "requirement.h"
#include "url.h"
#include "zip.h"

#define METADATA_SUFFIX ".dist-info/METADATA"
#define CACHE_KIND "wheel-metadata"

/* The .dist-info a wheel's file name promises: "<name>-<version>.dist-info". */
typedef struct wheel_target {
    char *name; /* PEP 503-normalized; NULL when the file name says nothing usable */
    char *version;
} wheel_target;

static void target_from_filename(wheel_target *t, const char *filename)
{
    memset(t, 0, sizeof *t);
    if (!filename)
        return;
    const char *dash = strchr(filename, '-');
    const char *dash2 = dash ? strchr(dash + 1, '-') : NULL;
    if (!dash || !dash2 || dash == filename)
        return;
    t->name = gl_name_normalize_any(filename, (size_t)(dash - filename));
    t->version = strndup(dash + 1, (size_t)(dash2 - dash - 1));
}

static void target_free(wheel_target *t)
{
    free(t->name);
    free(t->version);
}

/* 3: the promised .dist-info; 2: right project, other version spelling; 1: any top-level one. */
static int score_member(void *ctx, const char *name, size_t len)
{
    const wheel_target *t = ctx;
    size_t suffix = strlen(METADATA_SUFFIX);
    if (len <= suffix || memcmp(name + len - suffix, METADATA_SUFFIX, suffix))
        return 0;
    size_t stem_len = len - suffix;
    if (memchr(name, '/', stem_len))
        return 0;
    if (!t->name)
        return 1;
    const char *dash = memchr(name, '-', stem_len);
    size_t dist_len = dash ? (size_t)(dash - name) : stem_len;
    char *dist = gl_name_normalize_any(name, dist_len);
    int score = 1;
    if (dist && !strcmp(dist, t->name)) {
        score = 2;
        size_t ver_len = dash ? stem_len - dist_len - 1 : 0;
        if (dash && t->version && strlen(t->version) == ver_len && !strncasecmp(dash + 1, t->version, ver_len))
            score = 3;
    }
    free(dist);
    return score;
}

/* A remote wheel read with ranges, or whole once the server has sent it whole. */
typedef struct remote_wheel {
    gl_fetcher *fetcher;
    const char *url;
    gl_strbuf whole;
    bool have_whole;
    gl_lazy_wheel_info *info;
} remote_wheel;

static bool keep_whole(remote_wheel *w, gl_fetch_result *res)
{
    w->whole = res->body;
    res->body = (gl_strbuf)GL_STRBUF_INIT;
    w->have_whole = true;
    w->info->whole_file = true;
    return true;
}

static bool append_slice(const gl_strbuf *b, uint64_t offset, uint64_t length, gl_strbuf *out, gl_error *err)
{
    if (offset >= b->len)
        return true;
    size_t n = length < b->len - offset ? (size_t)length : b->len - (size_t)offset;
    if (!gl_strbuf_append(out, b->data + offset, n)) {
        gl_error_set(err, GL_ENOMEM, "out of memory reading a wheel");
        return false;
    }
    return true;
}

static bool fetch_one(gl_fetcher *f, const gl_fetch_request *req, gl_fetch_result *res, gl_error *err)
{
    if (gl_fetch_batch(f, req, res, 1))
        return true;
    if (err)
        *err = res->error;
    return false;
}

/* Asks for one range. When the server honours it, the bytes go to out and *ranged is set (with
 * *total_size, 0 when unknown, and *got, how many came); otherwise the whole archive it sent is kept. */
static bool fetch_range(remote_wheel *w, const gl_fetch_request *req, gl_strbuf *out, bool *ranged,
                        uint64_t *total_size, size_t *got, gl_error *err)
{
    gl_fetch_result res;
    w->info->requests++;
    if (!fetch_one(w->fetcher, req, &res, err)) {
        gl_fetch_result_free(&res);
        return false;
    }
    *ranged = res.range_honoured;
    if (res.range_honoured) {
        *total_size = res.total_size;
        *got = res.body.len;
        bool ok = gl_strbuf_append(out, res.body.data ? res.body.data : "", res.body.len);
        gl_fetch_result_free(&res);
        if (!ok)
            gl_error_set(err, GL_ENOMEM, "out of memory reading a wheel");
        return ok;
    }
    keep_whole(w, &res);
    gl_fetch_result_free(&res);
    return true;
}

static bool remote_tail(void *ctx, uint64_t length, gl_strbuf *out, uint64_t *size, gl_error *err)
{
    remote_wheel *w = ctx;
    if (!w->have_whole) {
        gl_fetch_request req = {.url = w->url, .range = true, .range_suffix = true, .range_length = length,
                                .max_body_bytes = GL_LAZY_WHEEL_MAX_WHOLE};
        bool ranged = false;
        uint64_t total = 0;
        size_t got = 0;
        if (!fetch_range(w, &req, out, &ranged, &total, &got, err))
            return false;
        if (ranged) {
            /* A range shorter than asked, of unknown total, is the whole archive. */
            *size = total ? total : got < length ? got : 0;
            return true;
        }
    }
    *size = w->whole.len;
    return append_slice(&w->whole, 0, w->whole.len, out, err);
}

static bool remote_at(void *ctx, uint64_t offset, uint64_t length, gl_strbuf *out, gl_error *err)
{
    remote_wheel *w = ctx;
    if (length == 0)
        return true;
    if (!w->have_whole) {
        gl_fetch_request req = {.url = w->url, .range = true, .range_offset = offset, .range_length = length,
                                .max_body_bytes = GL_LAZY_WHEEL_MAX_WHOLE};
        bool ranged = false;
        uint64_t total = 0;
        size_t got = 0;
        if (!fetch_range(w, &req, out, &ranged, &total, &got, err))
            return false;
        if (ranged)
            return true;
    }
    return append_slice(&w->whole, offset, length, out, err);
}

bool gl_lazy_wheel_metadata(gl_fetcher *f, const char *url, gl_strbuf *out,
                            gl_lazy_wheel_info *info, gl_error *err)
{
    gl_lazy_wheel_info local_info;
    if (!info)
        info = &local_info;
    memset(info, 0, sizeof *info);
    char *shown = gl_url_redact(url);
    gl_error name_err;
    char *filename = gl_url_filename(url, &name_err);
    if (!shown) {
        free(filename);
        gl_error_set(err, GL_ENOMEM, "out of memory reading a wheel");
        return false;
    }
    wheel_target target;
    target_from_filename(&target, filename);
    remote_wheel w = {.fetcher = f, .url = url, .info = info};
    gl_zip_source src = {&w, shown, remote_tail, remote_at};
    bool ok = gl_zip_extract(&src, score_member, &target, "no .dist-info/METADATA", out, NULL, err);
    gl_strbuf_free(&w.whole);
    target_free(&target);
    free(filename);
    free(shown);
    return ok;
}

bool gl_lazy_wheel_metadata_cached(gl_cache *cache, const char *url, gl_strbuf *out,
                                   gl_lazy_wheel_info *info, gl_error *err)
{
    gl_lazy_wheel_info local_info;
    if (!info)
        info = &local_info;
    memset(info, 0, sizeof *info);
    gl_cache_entry entry;
    gl_error lerr;
    gl_error_clear(&lerr);
    if (gl_cache_load_derived(cache, CACHE_KIND, url, &entry, &lerr)) {
        bool ok = gl_strbuf_append(out, entry.body.data ? entry.body.data : "", entry.body.len);
        gl_cache_entry_free(&entry);
        if (!ok)
            gl_error_set(err, GL_ENOMEM, "out of memory reading a wheel's metadata from the cache");
        return ok;
    }
    if (lerr.code != GL_ENOTFOUND && gl_cache_is_verbose(cache))
        fprintf(stderr, "gpulock: %s; reading the wheel again\n", lerr.message);
    gl_fetcher *f = gl_cache_fetcher(cache);
    if (gl_cache_is_offline(cache) || !f) {
        char *shown = gl_url_redact(url);
        gl_error_set(err, GL_ENOTFOUND, "offline: no cached copy of %s (run once online or use --snapshot)",
                     shown ? shown : "a wheel");
        free(shown);
        return false;
    }
    size_t start = out->len;
    if (!gl_lazy_wheel_metadata(f, url, out, info, err))
        return false;
    gl_error serr;
    gl_error_clear(&serr);
    if (!gl_cache_store_derived(cache, CACHE_KIND, url, out->data + start, out->len - start, &serr) &&
        gl_cache_is_verbose(cache))
        fprintf(stderr, "gpulock: %s\n", serr.message);
    return true;
}

bool gl_wheel_metadata_from_buffer(const void *data, size_t len, const char *filename,
                                   gl_strbuf *out, gl_error *err)
{
    wheel_target target;
    target_from_filename(&target, filename);
    bool ok = gl_zip_extract_buffer(data, len, filename ? filename : "wheel", score_member, &target,
                                    "no .dist-info/METADATA", out, NULL, err);
    target_free(&target);
    return ok;
}
