#include "cache.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "atomic_file.h"
#include "digest.h"
#include "lazy_libs.h"
#include "url.h"

/* Entries live in <dir>/http-v1/<first two hex digits of the key>/<key>. A format change
 * bumps the directory name, so old entries are simply never read again. */
#define CACHE_SUBDIR "http-v1"
#define ENTRY_MAGIC "gpulock-cache 1"

struct gl_cache {
    char *dir;
    bool offline;
    bool verbose;
    gl_fetcher *fetcher; /* borrowed */
};

bool gl_cache_default_dir(gl_strbuf *out, gl_error *err)
{
    const char *xdg = getenv("XDG_CACHE_HOME");
    bool ok;
    /* The XDG spec says relative paths are invalid and must be ignored. */
    if (xdg && xdg[0] == '/') {
        ok = gl_strbuf_printf(out, "%s/gpulock", xdg);
    } else {
        const char *home = getenv("HOME");
        if (!home || !*home) {
            gl_error_set(err, GL_EIO, "cannot find a cache directory: neither XDG_CACHE_HOME nor HOME is set");
            return false;
        }
        ok = gl_strbuf_printf(out, "%s/.cache/gpulock", home);
    }
    if (!ok)
        gl_error_set(err, GL_ENOMEM, "out of memory naming the cache directory");
    return ok;
}

/* mkdir -p for the part of path gpulock may have to create. */
static bool make_dirs(const char *path, gl_error *err)
{
    char *copy = strdup(path);
    if (!copy) {
        gl_error_set(err, GL_ENOMEM, "out of memory creating '%s'", path);
        return false;
    }
    for (char *p = copy + 1;; p++) {
        if (*p != '/' && *p != '\0')
            continue;
        char saved = *p;
        *p = '\0';
        if (mkdir(copy, 0755) != 0 && errno != EEXIST) {
            gl_error_set(err, GL_EIO, "cannot create cache directory '%s': %s", copy, strerror(errno));
            free(copy);
            return false;
        }
        *p = saved;
        if (!saved)
            break;
    }
    free(copy);
    struct stat st;
    if (stat(path, &st) != 0 || !S_ISDIR(st.st_mode)) {
        gl_error_set(err, GL_EIO, "cache directory '%s' is not a directory", path);
        return false;
    }
    return true;
}

gl_cache *gl_cache_open(const gl_cache_options *opts, gl_fetcher *fetcher, gl_error *err)
{
    gl_cache_options defaults = {0};
    if (!opts)
        opts = &defaults;
    if (!fetcher && !opts->offline) {
        gl_error_set(err, GL_EINVAL, "the cache needs a fetcher unless it is offline");
        return NULL;
    }
    gl_strbuf dir = GL_STRBUF_INIT;
    if (opts->dir && *opts->dir) {
        if (!gl_strbuf_puts(&dir, opts->dir)) {
            gl_error_set(err, GL_ENOMEM, "out of memory opening the cache");
            return NULL;
        }
    } else if (!gl_cache_default_dir(&dir, err)) {
        gl_strbuf_free(&dir);
        return NULL;
    }
    while (dir.len > 1 && dir.data[dir.len - 1] == '/')
        dir.data[--dir.len] = '\0';
    gl_cache *cache = calloc(1, sizeof *cache);
    if (!cache) {
        gl_strbuf_free(&dir);
        gl_error_set(err, GL_ENOMEM, "out of memory opening the cache");
        return NULL;
    }
    cache->dir = gl_strbuf_detach(&dir);
    cache->offline = opts->offline;
    cache->verbose = opts->verbose;
    cache->fetcher = fetcher;
    /* Offline runs only read: a missing directory is just an empty cache. */
    if (!cache->dir || (!cache->offline && !make_dirs(cache->dir, err))) {
        if (!cache->dir)
            gl_error_set(err, GL_ENOMEM, "out of memory opening the cache");
        gl_cache_free(cache);
        return NULL;
    }
    return cache;
}

void gl_cache_free(gl_cache *cache)
{
    if (!cache)
        return;
    free(cache->dir);
    free(cache);
}

void gl_cache_entry_free(gl_cache_entry *entry)
{
    if (!entry)
        return;
    free(entry->url);
    free(entry->etag);
    free(entry->last_modified);
    gl_strbuf_free(&entry->body);
    entry->url = entry->etag = entry->last_modified = NULL;
}

/* The URL an entry is keyed by: no user, password or fragment (they do not name the
 * resource, and credentials must never reach the disk). Malloc'd; NULL when out of memory. */
static char *key_url(const char *url)
{
    char *key = NULL;
    const gl_curl_api *cu = gl_curl(NULL);
    CURLU *h = cu ? cu->url() : NULL;
    if (h && cu->url_set(h, CURLUPART_URL, url, CURLU_NON_SUPPORT_SCHEME) == CURLUE_OK) {
        cu->url_set(h, CURLUPART_USER, NULL, 0);
        cu->url_set(h, CURLUPART_PASSWORD, NULL, 0);
        cu->url_set(h, CURLUPART_OPTIONS, NULL, 0);
        cu->url_set(h, CURLUPART_FRAGMENT, NULL, 0);
        char *out = NULL;
        if (cu->url_get(h, CURLUPART_URL, &out, 0) == CURLUE_OK && out)
            key = strdup(out);
        cu->free(out);
    }
    if (h)
        cu->url_cleanup(h);
    if (key)
        return key;
    /* Not a URL libcurl can parse: still never keep a fragment or credentials. */
    const char *hash = strchr(url, '#');
    char *bare = strndup(url, hash ? (size_t)(hash - url) : strlen(url));
    if (!bare)
        return NULL;
    key = gl_url_redact(bare);
    free(bare);
    return key;
}

static char *path_for_key(const gl_cache *cache, const char *key)
{
    char hex[GL_SHA256_HEX_LEN + 1];
    gl_digest_sha256_hex(key, strlen(key), hex);
    char *path = NULL;
    if (asprintf(&path, "%s/" CACHE_SUBDIR "/%.2s/%s", cache->dir, hex, hex) < 0)
        return NULL;
    return path;
}

char *gl_cache_entry_path(const gl_cache *cache, const char *url)
{
    char *key = key_url(url);
    char *path = key ? path_for_key(cache, key) : NULL;
    free(key);
    return path;
}

/* A header value is stored on one line; anything else is not worth keeping. */
static bool storable(const char *value)
{
    return value && *value && !strpbrk(value, "\r\n");
}

static bool store_key(gl_cache *cache, const char *key, const void *body, size_t len,
                      const char *etag, const char *last_modified, gl_error *err)
{
    char *path = path_for_key(cache, key);
    if (!path) {
        gl_error_set(err, GL_ENOMEM, "out of memory caching %s", key);
        return false;
    }
    char *slash = strrchr(path, '/');
    *slash = '\0';
    bool ok = make_dirs(path, err);
    *slash = '/';
    gl_atomic_file af;
    if (ok)
        ok = gl_atomic_file_begin(&af, path, err);
    if (ok) {
        char hex[GL_SHA256_HEX_LEN + 1];
        gl_digest_sha256_hex(body ? body : "", len, hex);
        fprintf(af.stream, ENTRY_MAGIC "\nurl %s\n", key);
        if (storable(etag))
            fprintf(af.stream, "etag %s\n", etag);
        if (storable(last_modified))
            fprintf(af.stream, "last-modified %s\n", last_modified);
        fprintf(af.stream, "sha256 %s\nfetched %lld\nsize %zu\n\n", hex, (long long)time(NULL), len);
        if (len)
            fwrite(body, 1, len, af.stream);
        ok = gl_atomic_file_commit(&af, err);
    }
    if (!ok)
        gl_error_prefix(err, "caching %s: ", key);
    free(path);
    return ok;
}

/* store_key for a key just made, which it frees; NULL: making the key ran out of memory. */
static bool store_made_key(gl_cache *cache, char *key, const void *body, size_t len,
                           const char *etag, const char *last_modified, gl_error *err)
{
    if (!key) {
        gl_error_set(err, GL_ENOMEM, "out of memory caching a download");
        return false;
    }
    bool ok = store_key(cache, key, body, len, etag, last_modified, err);
    free(key);
    return ok;
}

bool gl_cache_store(gl_cache *cache, const char *url, const void *body, size_t len,
                    const char *etag, const char *last_modified, gl_error *err)
{
    return store_made_key(cache, key_url(url), body, len, etag, last_modified, err);
}

static bool read_whole_file(const char *path, gl_strbuf *out, int *errnum)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        *errnum = errno;
        return false;
    }
    char chunk[65536];
    ssize_t n;
    bool ok = true;
    while ((n = read(fd, chunk, sizeof chunk)) > 0)
        if (!gl_strbuf_append(out, chunk, (size_t)n)) {
            ok = false;
            *errnum = ENOMEM;
            break;
        }
    if (n < 0) {
        ok = false;
        *errnum = errno;
    }
    close(fd);
    return ok;
}

/* Parses an entry file; on failure returns the reason it is corrupt. */
static const char *parse_entry(const gl_strbuf *raw, const char *key, gl_cache_entry *entry)
{
    const char *p = raw->data ? raw->data : "";
    const char *end = p + raw->len;
    bool have_sha = false, have_size = false, have_time = false;
    unsigned long long size = 0;
    bool first = true;
    for (;;) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        if (!nl)
            return "truncated header";
        size_t len = (size_t)(nl - p);
        if (first) {
            if (len != strlen(ENTRY_MAGIC) || memcmp(p, ENTRY_MAGIC, len))
                return "not a gpulock cache entry";
            first = false;
        } else if (len == 0) {
            p = nl + 1;
            break;
        } else {
            const char *space = memchr(p, ' ', len);
            if (!space)
                return "malformed header line";
            size_t name_len = (size_t)(space - p);
            const char *value = space + 1;
            size_t value_len = (size_t)(nl - value);
            char **slot = NULL;
            if (name_len == 3 && !memcmp(p, "url", 3))
                slot = &entry->url;
            else if (name_len == 4 && !memcmp(p, "etag", 4))
                slot = &entry->etag;
            else if (name_len == 13 && !memcmp(p, "last-modified", 13))
                slot = &entry->last_modified;
            if (slot) {
                free(*slot);
                if (!(*slot = strndup(value, value_len)))
                    return "out of memory";
            } else if (name_len == 6 && !memcmp(p, "sha256", 6)) {
                if (value_len != GL_SHA256_HEX_LEN)
                    return "malformed sha256";
                memcpy(entry->sha256, value, value_len);
                entry->sha256[value_len] = '\0';
                have_sha = true;
            } else if ((name_len == 4 && !memcmp(p, "size", 4)) ||
                       (name_len == 7 && !memcmp(p, "fetched", 7))) {
                char digits[24];
                if (value_len == 0 || value_len >= sizeof digits)
                    return "malformed number";
                memcpy(digits, value, value_len);
                digits[value_len] = '\0';
                char *stop;
                unsigned long long v = strtoull(digits, &stop, 10);
                if (*stop || digits[0] < '0' || digits[0] > '9')
                    return "malformed number";
                if (name_len == 4) {
                    size = v;
                    have_size = true;
                } else {
                    entry->fetched_at = (int64_t)v;
                    have_time = true;
                }
            }
        }
        p = nl + 1;
    }
    if (!entry->url || !have_sha || !have_size || !have_time)
        return "incomplete header";
    if (strcmp(entry->url, key))
        return "entry belongs to another URL";
    if ((unsigned long long)(end - p) != size)
        return (unsigned long long)(end - p) < size ? "truncated body" : "trailing data after the body";
    char hex[GL_SHA256_HEX_LEN + 1];
    gl_digest_sha256_hex(p, (size_t)(end - p), hex);
    if (strcasecmp(hex, entry->sha256))
        return "body does not match its sha256";
    if (!gl_strbuf_append(&entry->body, p, (size_t)(end - p)))
        return "out of memory";
    return NULL;
}

static bool load_key(gl_cache *cache, const char *key, gl_cache_entry *entry, gl_error *err)
{
    memset(entry, 0, sizeof *entry);
    char *path = path_for_key(cache, key);
    if (!path) {
        gl_error_set(err, GL_ENOMEM, "out of memory reading the cache");
        return false;
    }
    gl_strbuf raw = GL_STRBUF_INIT;
    int errnum = 0;
    bool ok = false;
    if (!read_whole_file(path, &raw, &errnum)) {
        if (errnum == ENOENT)
            gl_error_set(err, GL_ENOTFOUND, "no cached copy of %s", key);
        else
            gl_error_set(err, errnum == ENOMEM ? GL_ENOMEM : GL_EIO, "cannot read cache entry '%s' for %s: %s",
                         path, key, strerror(errnum));
    } else {
        const char *reason = parse_entry(&raw, key, entry);
        if (reason) {
            gl_error_set(err, GL_EINVAL, "corrupt cache entry '%s' for %s: %s", path, key, reason);
            unlink(path);
        } else {
            ok = true;
        }
    }
    if (!ok)
        gl_cache_entry_free(entry);
    gl_strbuf_free(&raw);
    free(path);
    return ok;
}

/* load_key for a key just made, which it frees; NULL: making the key ran out of memory. */
static bool load_made_key(gl_cache *cache, char *key, gl_cache_entry *entry, gl_error *err)
{
    if (!key) {
        memset(entry, 0, sizeof *entry);
        gl_error_set(err, GL_ENOMEM, "out of memory reading the cache");
        return false;
    }
    bool ok = load_key(cache, key, entry, err);
    free(key);
    return ok;
}

bool gl_cache_load(gl_cache *cache, const char *url, gl_cache_entry *entry, gl_error *err)
{
    return load_made_key(cache, key_url(url), entry, err);
}

/* The derived entry that remembers a 404/410 answer, for offline runs. */
#define GONE_KIND "gone"

/* "<kind> <key url>": a space never occurs in a URL, so derived keys cannot meet real ones. */
static char *derived_key(const char *kind, const char *url)
{
    char *key = key_url(url);
    char *derived = NULL;
    if (key && asprintf(&derived, "%s %s", kind, key) < 0)
        derived = NULL;
    free(key);
    return derived;
}

bool gl_cache_store_derived(gl_cache *cache, const char *kind, const char *url, const void *body,
                            size_t len, gl_error *err)
{
    return store_made_key(cache, derived_key(kind, url), body, len, NULL, NULL, err);
}

bool gl_cache_load_derived(gl_cache *cache, const char *kind, const char *url, gl_cache_entry *entry,
                           gl_error *err)
{
    return load_made_key(cache, derived_key(kind, url), entry, err);
}

bool gl_cache_is_offline(const gl_cache *cache)
{
    return cache->offline;
}

bool gl_cache_is_verbose(const gl_cache *cache)
{
    return cache->verbose;
}

gl_fetcher *gl_cache_fetcher(const gl_cache *cache)
{
    return cache->fetcher;
}

/* What the batch decided for one request. */
typedef struct plan {
    char *key;
    const char *algo;  /* expected digest, from the request or the URL's fragment */
    const char *hex;
    char *owned_hex;
    bool have_entry;
    gl_cache_entry entry;
    bool send;
    size_t sent_index;
} plan;

static bool entry_matches_digest(const gl_cache_entry *entry, const char *algo, const char *hex)
{
    if (!strcmp(algo, "sha256"))
        return !strcasecmp(entry->sha256, hex);
    return gl_digest_verify(entry->body.data ? entry->body.data : "", entry->body.len, algo, hex, NULL);
}

/* Hands the cached body to res as a 200 answer. */
static bool serve_entry(gl_fetch_result *res, gl_cache_entry *entry)
{
    res->status = 200;
    res->body = entry->body;
    entry->body = (gl_strbuf)GL_STRBUF_INIT;
    res->total_size = res->body.len;
    res->from_cache = true;
    if (!res->final_url)
        res->final_url = strdup(entry->url);
    if (!res->etag && entry->etag)
        res->etag = strdup(entry->etag);
    if (!res->last_modified && entry->last_modified)
        res->last_modified = strdup(entry->last_modified);
    if (!res->final_url) {
        gl_error_set(&res->error, GL_ENOMEM, "out of memory serving %s from the cache", entry->url);
        return false;
    }
    return true;
}

static void plan_digest(plan *pl, const gl_fetch_request *req)
{
    if (req->digest_algo && req->digest_hex) {
        pl->algo = req->digest_algo;
        pl->hex = req->digest_hex;
        return;
    }
    const char *hash = strchr(req->url, '#');
    if (hash && gl_digest_parse(hash + 1, strlen(hash + 1), &pl->algo, &pl->owned_hex, NULL))
        pl->hex = pl->owned_hex;
    else
        pl->algo = NULL;
}

bool gl_cache_fetch_batch(gl_cache *cache, const gl_fetch_request *reqs, gl_fetch_result *results,
                          size_t n)
{
    for (size_t i = 0; i < n; i++) {
        memset(&results[i], 0, sizeof results[i]);
        gl_error_clear(&results[i].error);
    }
    if (n == 0)
        return true;
    plan *plans = calloc(n, sizeof *plans);
    gl_fetch_request *sent = calloc(n, sizeof *sent);
    gl_fetch_result *sent_results = calloc(n, sizeof *sent_results);
    if (!plans || !sent || !sent_results) {
        free(plans);
        free(sent);
        free(sent_results);
        for (size_t i = 0; i < n; i++)
            gl_error_set(&results[i].error, GL_ENOMEM, "out of memory starting %zu downloads", n);
        return false;
    }

    size_t nsent = 0;
    for (size_t i = 0; i < n; i++) {
        const gl_fetch_request *req = &reqs[i];
        plan *pl = &plans[i];
        if (!req->url || !*req->url) {
            gl_error_set(&results[i].error, GL_EINVAL, "empty URL in download request %zu", i);
            continue;
        }
        /* Local files need no cache, and reading them is no network use even offline. */
        bool local = !strncasecmp(req->url, "file:", 5) && cache->fetcher;
        if (req->range || local) {
            if (cache->offline && !local) {
                char *shown = gl_url_redact(req->url);
                gl_error_set(&results[i].error, GL_ENOTFOUND,
                             "offline: no cached copy of %s (run once online or use --snapshot)",
                             shown ? shown : "a URL");
                free(shown);
                continue;
            }
            pl->send = true;
            pl->sent_index = nsent;
            sent[nsent++] = *req;
            continue;
        }
        pl->key = key_url(req->url);
        if (!pl->key) {
            gl_error_set(&results[i].error, GL_ENOMEM, "out of memory preparing a download");
            continue;
        }
        plan_digest(pl, req);
        gl_error lerr;
        gl_error_clear(&lerr);
        pl->have_entry = load_key(cache, pl->key, &pl->entry, &lerr);
        if (!pl->have_entry && lerr.code != GL_ENOTFOUND && cache->verbose)
            fprintf(stderr, "gpulock: %s; fetching it again\n", lerr.message);
        bool digest_ok = pl->have_entry && (!pl->algo || entry_matches_digest(&pl->entry, pl->algo, pl->hex));
        if (pl->have_entry && (pl->algo || cache->offline) && digest_ok) {
            serve_entry(&results[i], &pl->entry);
            continue;
        }
        if (cache->offline) {
            /* A page the server said it does not have answers the same offline (a crawl asks
             * the indexes in turn, and an earlier index's 404 is how it moves on). */
            gl_cache_entry gone;
            gl_error ignored;
            if (load_made_key(cache, derived_key(GONE_KIND, pl->key), &gone, &ignored)) {
                gl_cache_entry_free(&gone);
                results[i].status = 404;
                results[i].from_cache = true;
                gl_error_set(&results[i].error, GL_ENOTFOUND, "%s: not found (HTTP 404, remembered by the cache)",
                             pl->key);
                continue;
            }
            gl_error_set(&results[i].error, GL_ENOTFOUND,
                         "offline: no cached copy of %s (run once online or use --snapshot)", pl->key);
            continue;
        }
        gl_fetch_request r = *req;
        r.digest_algo = pl->algo;
        r.digest_hex = pl->hex;
        if (pl->have_entry && digest_ok) {
            r.if_none_match = pl->entry.etag;
            r.if_modified_since = pl->entry.last_modified;
        }
        pl->send = true;
        pl->sent_index = nsent;
        sent[nsent++] = r;
    }

    if (nsent)
        gl_fetch_batch(cache->fetcher, sent, sent_results, nsent);

    bool all_ok = true;
    for (size_t i = 0; i < n; i++) {
        plan *pl = &plans[i];
        gl_fetch_result *res = &results[i];
        if (pl->send) {
            *res = sent_results[pl->sent_index];
            const gl_fetch_request *r = &sent[pl->sent_index];
            if (res->error.code == GL_OK && res->status == 304 && pl->have_entry) {
                gl_strbuf_free(&res->body);
                serve_entry(res, &pl->entry);
            } else if (res->error.code == GL_OK && !r->range && pl->key) {
                gl_error serr;
                gl_error_clear(&serr);
                if (!store_key(cache, pl->key, res->body.data, res->body.len, res->etag,
                               res->last_modified, &serr) && cache->verbose)
                    fprintf(stderr, "gpulock: %s\n", serr.message);
            } else if ((res->status == 404 || res->status == 410) && !r->range && pl->key) {
                gl_error serr;
                if (!store_made_key(cache, derived_key(GONE_KIND, pl->key), "", 0, NULL, NULL, &serr) &&
                    cache->verbose)
                    fprintf(stderr, "gpulock: %s\n", serr.message);
            }
        }
        if (res->error.code != GL_OK)
            all_ok = false;
        free(pl->key);
        free(pl->owned_hex);
        gl_cache_entry_free(&pl->entry);
    }
    free(plans);
    free(sent);
    free(sent_results);
    return all_ok;
}

bool gl_cache_fetch(gl_cache *cache, const char *url, gl_fetch_result *res, gl_error *err)
{
    gl_fetch_request req = {.url = url};
    bool ok = gl_cache_fetch_batch(cache, &req, res, 1);
    if (!ok && err)
        *err = res->error;
    return ok;
}
