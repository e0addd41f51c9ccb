/* index_set.c — index priorities, the first-index and PyTorch-pin lookup rule, URL aliasing. */
#include "index_set.h"

#include <stdlib.h>
#include <string.h>

#include "strbuf.h"
#include "url.h"

#define MAX_INDEXES 64

static char *dup_trimmed(const char *s)
{
    size_t n = strlen(s);
    while (n > 0 && s[n - 1] == '/')
        n--;
    char *out = malloc(n + 1);
    if (out) {
        memcpy(out, s, n);
        out[n] = '\0';
    }
    return out;
}

/* Start and end (exclusive) of the authority ("user:pw@host:port") in url, or false. */
static bool authority_span(const char *url, size_t *start, size_t *end)
{
    const char *sep = strstr(url, "://");
    if (!sep || sep == url)
        return false;
    for (const char *p = url; p < sep; p++)
        if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
              *p == '+' || *p == '-' || *p == '.'))
            return false;
    *start = (size_t)(sep + 3 - url);
    *end = *start + strcspn(url + *start, "/?#");
    return true;
}

/* The host (no credentials, with port) and the path of a URL, borrowed from url. */
static bool split_host_path(const char *url, const char **host, size_t *host_len, const char **path)
{
    size_t start, end;
    if (!authority_span(url, &start, &end))
        return false;
    const char *h = url + start;
    for (size_t i = start; i < end; i++)
        if (url[i] == '@')
            h = url + i + 1;
    *host = h;
    *host_len = (size_t)(url + end - h);
    *path = url + end;
    return true;
}

/* A PyTorch wheel index is ".../whl" or ".../whl/<tag>"; *tag gets the tag (or "whl"). */
static bool is_pytorch_url(const char *url, const char **tag, size_t *tag_len)
{
    const char *host, *path;
    size_t host_len;
    if (!split_host_path(url, &host, &host_len, &path))
        return false;
    size_t n = strcspn(path, "?#");
    while (n > 0 && path[n - 1] == '/')
        n--;
    size_t last = n;
    while (last > 0 && path[last - 1] != '/')
        last--;
    if (n - last == 3 && !memcmp(path + last, "whl", 3)) {
        *tag = path + last;
        *tag_len = 3;
        return true;
    }
    if (last >= 5 && !memcmp(path + last - 5, "/whl/", 5) && n > last) {
        *tag = path + last;
        *tag_len = n - last;
        return true;
    }
    return false;
}

static char *derive_name(const char *public_url)
{
    const char *tag, *host, *path;
    size_t tag_len, host_len;
    if (is_pytorch_url(public_url, &tag, &tag_len))
        return strndup(tag, tag_len);
    if (!split_host_path(public_url, &host, &host_len, &path))
        return strdup(public_url);
    if (host_len == 8 && !memcmp(host, "pypi.org", 8))
        return strdup("pypi");
    gl_strbuf b = GL_STRBUF_INIT;
    if (!gl_strbuf_append(&b, host, host_len) || !gl_strbuf_puts(&b, path)) {
        gl_strbuf_free(&b);
        return NULL;
    }
    return gl_strbuf_detach(&b);
}

static void index_free(gl_index *ix)
{
    free(ix->url);
    free(ix->fetch_url);
    free(ix->name);
}

bool gl_index_set_add_raw(gl_index_set *set, const char *url, const char *fetch_url,
                          const char *name, int priority, gl_error *err)
{
    if (set->count >= MAX_INDEXES) {
        gl_error_set(err, GL_EUSAGE, "too many indexes (at most %d)", MAX_INDEXES);
        return false;
    }
    gl_index *grown = realloc(set->items, (set->count + 1) * sizeof *grown);
    if (!grown) {
        gl_error_set(err, GL_ENOMEM, "out of memory adding an index");
        return false;
    }
    set->items = grown;
    gl_index ix = {0};
    ix.url = gl_url_redact(url);
    char *trimmed = ix.url ? dup_trimmed(ix.url) : NULL;
    free(ix.url);
    ix.url = trimmed;
    ix.fetch_url = dup_trimmed(fetch_url ? fetch_url : url);
    ix.name = name ? strdup(name) : (ix.url ? derive_name(ix.url) : NULL);
    ix.priority = priority;
    const char *tag;
    size_t tag_len;
    ix.pytorch = ix.url && is_pytorch_url(ix.url, &tag, &tag_len);
    if (!ix.url || !ix.fetch_url || !ix.name) {
        index_free(&ix);
        gl_error_set(err, GL_ENOMEM, "out of memory adding an index");
        return false;
    }
    /* Names address subindexes (--index-name cu128): keep them unique. */
    for (int suffix = 2; gl_index_set_find_name(set, ix.name); suffix++) {
        gl_strbuf b = GL_STRBUF_INIT;
        const char *base = ix.name;
        char *dash = strrchr(base, '#');
        size_t base_len = dash ? (size_t)(dash - base) : strlen(base);
        if (!gl_strbuf_append(&b, base, base_len) || !gl_strbuf_printf(&b, "#%d", suffix)) {
            gl_strbuf_free(&b);
            index_free(&ix);
            gl_error_set(err, GL_ENOMEM, "out of memory adding an index");
            return false;
        }
        free(ix.name);
        ix.name = gl_strbuf_detach(&b);
    }
    size_t pos = set->count;
    while (pos > 0 && set->items[pos - 1].priority > priority)
        pos--;
    memmove(set->items + pos + 1, set->items + pos, (set->count - pos) * sizeof *set->items);
    set->items[pos] = ix;
    set->count++;
    return true;
}

static bool valid_index_url(const char *url)
{
    const char *host, *path;
    size_t host_len;
    if (!strncmp(url, "file://", 7))
        return true;
    return (!strncmp(url, "http://", 7) || !strncmp(url, "https://", 8)) &&
           split_host_path(url, &host, &host_len, &path) && host_len > 0 && !strpbrk(url, " \t\r\n");
}

bool gl_index_set_add(gl_index_set *set, const char *spec, bool primary, gl_error *err)
{
    const char *eq = NULL;
    /* "FETCH=PUBLIC": the '=' that is followed by a scheme, so '=' in a query stays put. */
    for (const char *p = strchr(spec, '='); p; p = strchr(p + 1, '='))
        if (!strncmp(p + 1, "http://", 7) || !strncmp(p + 1, "https://", 8) || !strncmp(p + 1, "file://", 7))
            eq = p;
    char *fetch = eq ? strndup(spec, (size_t)(eq - spec)) : strdup(spec);
    const char *public_url = eq ? eq + 1 : spec;
    if (!fetch) {
        gl_error_set(err, GL_ENOMEM, "out of memory");
        return false;
    }
    if (!valid_index_url(fetch) || !valid_index_url(public_url)) {
        char *shown = gl_url_redact(spec);
        gl_error_set(err, GL_EUSAGE, "invalid index URL '%s': expected http(s)://host/path or FETCH_URL=PUBLIC_URL",
                     shown ? shown : "?");
        free(shown);
        free(fetch);
        return false;
    }
    int priority;
    if (primary) {
        if (set->has_primary) {
            free(fetch);
            gl_error_set(err, GL_EUSAGE, "--index-url given twice (use --extra-index-url for more indexes)");
            return false;
        }
        priority = 0;
        set->has_primary = true;
    } else {
        priority = 1;
        for (size_t i = 0; i < set->count; i++)
            if (set->items[i].priority >= priority)
                priority = set->items[i].priority + 1;
    }
    bool ok = gl_index_set_add_raw(set, public_url, fetch, NULL, priority, err);
    free(fetch);
    return ok;
}

bool gl_index_set_finish(gl_index_set *set, gl_error *err)
{
    if (set->has_primary)
        return true;
    set->has_primary = true;
    return gl_index_set_add_raw(set, GL_INDEX_PYPI_URL, NULL, NULL, 0, err);
}

void gl_index_set_free(gl_index_set *set)
{
    for (size_t i = 0; i < set->count; i++)
        index_free(&set->items[i]);
    free(set->items);
    set->items = NULL;
    set->count = 0;
    set->has_primary = false;
}

const gl_index *gl_index_set_find_url(const gl_index_set *set, const char *url)
{
    char *trimmed = dup_trimmed(url);
    char *redacted = trimmed ? gl_url_redact(trimmed) : NULL;
    const gl_index *found = NULL;
    for (size_t i = 0; redacted && i < set->count && !found; i++)
        if (!strcmp(set->items[i].url, redacted))
            found = &set->items[i];
    free(trimmed);
    free(redacted);
    return found;
}

const gl_index *gl_index_set_find_name(const gl_index_set *set, const char *name)
{
    for (size_t i = 0; i < set->count; i++)
        if (!strcmp(set->items[i].name, name))
            return &set->items[i];
    return NULL;
}

bool gl_index_project_is_torch_family(const char *p)
{
    static const char *const family[] = {"torch", "torchvision", "torchaudio"};
    for (size_t i = 0; i < sizeof family / sizeof family[0]; i++)
        if (!strcmp(p, family[i]))
            return true;
    return false;
}

bool gl_index_project_prefers_pytorch(const char *p)
{
    static const char *const hosted[] = {"triton", "pytorch-triton", "xformers"};
    for (size_t i = 0; i < sizeof hosted / sizeof hosted[0]; i++)
        if (!strcmp(p, hosted[i]))
            return true;
    return !strncmp(p, "nvidia-", 7);
}

void gl_index_set_lookup(const gl_index_set *set, const char *project, gl_index_lookup *out)
{
    out->nall = out->nfirst = 0;
    bool any_pytorch = false;
    for (size_t i = 0; i < set->count; i++)
        any_pytorch |= set->items[i].pytorch;
    bool pinned = any_pytorch && gl_index_project_is_torch_family(project);
    bool hosted = any_pytorch && gl_index_project_prefers_pytorch(project);
    out->merge = hosted;
    for (size_t i = 0; i < set->count; i++) {
        if ((pinned || hosted) && set->items[i].pytorch)
            out->all[out->nall++] = i;
        else if (!pinned && !(hosted && set->items[i].pytorch))
            out->first[out->nfirst++] = i;
    }
}

void gl_index_set_lookup_for_snapshot(const gl_index_set *set, const char *project, gl_index_lookup *out)
{
    gl_index_set_lookup(set, project, out);
    if (!out->nall || out->nfirst)
        return;
    for (size_t i = 0; i < set->count; i++)
        if (!set->items[i].pytorch)
            out->first[out->nfirst++] = i;
}

/* Length of url's origin ("https://host:port"), 0 when it has none. */
static size_t origin_len(const char *url)
{
    size_t start, end;
    return authority_span(url, &start, &end) ? end : 0;
}

static bool has_prefix_at_boundary(const char *url, const char *prefix, size_t n)
{
    return !strncmp(url, prefix, n) && (url[n] == '\0' || url[n] == '/' || url[n] == '?' || url[n] == '#');
}

/* Rewrites url from one side of an index's aliasing to the other: by the longest matching
 * index URL, else by the index's origin (a mirror's file links leave the index path:
 * "../../files/x.whl" from /simple/x/ is still the mirror standing for that host). */
static char *swap_prefix(const gl_index_set *set, const char *url, bool to_fetch)
{
    const char *from_best = NULL, *to_best = NULL;
    size_t best_len = 0, to_len = 0;
    for (int by_origin = 0; by_origin < 2 && !from_best; by_origin++)
        for (size_t i = 0; i < set->count; i++) {
            const char *from = to_fetch ? set->items[i].url : set->items[i].fetch_url;
            const char *to = to_fetch ? set->items[i].fetch_url : set->items[i].url;
            size_t n = by_origin ? origin_len(from) : strlen(from);
            size_t m = by_origin ? origin_len(to) : strlen(to);
            if (n && n > best_len && has_prefix_at_boundary(url, from, n)) {
                from_best = from;
                to_best = to;
                best_len = n;
                to_len = m;
            }
        }
    if (!from_best)
        return strdup(url);
    gl_strbuf b = GL_STRBUF_INIT;
    if (!gl_strbuf_append(&b, to_best, to_len) || !gl_strbuf_puts(&b, url + best_len)) {
        gl_strbuf_free(&b);
        return NULL;
    }
    return gl_strbuf_detach(&b);
}

char *gl_index_set_to_fetch_url(const gl_index_set *set, const char *public_url)
{
    return swap_prefix(set, public_url, true);
}

char *gl_index_set_to_public_url(const gl_index_set *set, const char *fetch_url)
{
    char *swapped = swap_prefix(set, fetch_url, false);
    if (!swapped)
        return NULL;
    char *redacted = gl_url_redact(swapped);
    free(swapped);
    return redacted;
}
