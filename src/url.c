/* url.c — resolution goes through libcurl's RFC 3986 parser so that gpulock and the transfer
 * that later fetches the URL agree on what it means; taking the file name and redacting are
 * plain text work on URLs that are already absolute (redaction must cope with any text). */
#include "url.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>


#include "hex.h"
#include "lazy_libs.h"
#include "strbuf.h"

#define SHOW_MAX 300 /* longest URL shown in an error message */

struct gl_url_base {
    const gl_curl_api *curl;
    CURLU *handle;
    char *text; /* as given, for messages */
    /* The last directory resolved: links of one page mostly share it ("/whl/cu128/"), and
     * curl costs microseconds per URL, most of the page reading time. */
    char *memo_dir; /* a reference's part up to its last '/', as written */
    size_t memo_dir_len;
    char *memo_abs; /* what curl resolved it to, ending in '/' */
    size_t memo_abs_len;
    /* The last origin of an absolute reference ("https://files.pythonhosted.org") that curl
     * was seen to leave as written: PyPI's links each have a directory of their own. */
    char *memo_origin;
    size_t memo_origin_len;
};

gl_url_base *gl_url_base_new(const char *base, gl_error *err)
{
    const gl_curl_api *cu = gl_curl(err);
    if (!cu)
        return NULL;
    gl_url_base *b = calloc(1, sizeof *b);
    if (b) {
        b->curl = cu;
        b->handle = cu->url();
        b->text = strdup(base ? base : "");
    }
    if (!b || !b->handle || !b->text) {
        gl_url_base_free(b);
        gl_error_set(err, GL_ENOMEM, "out of memory");
        return NULL;
    }
    CURLUcode rc = cu->url_set(b->handle, CURLUPART_URL, b->text, 0);
    if (rc != CURLUE_OK) {
        char shown[SHOW_MAX];
        gl_url_redact_to(b->text, shown, sizeof shown);
        gl_error_set(err, GL_EINVAL, "bad base URL '%s': %s", shown, cu->url_strerror(rc));
        gl_url_base_free(b);
        return NULL;
    }
    return b;
}

void gl_url_base_free(gl_url_base *b)
{
    if (!b)
        return;
    if (b->handle)
        b->curl->url_cleanup(b->handle);
    free(b->text);
    free(b->memo_dir);
    free(b->memo_abs);
    free(b->memo_origin);
    free(b);
}

static char *resolve_failed(const gl_url_base *b, const char *ref, CURLUcode rc, gl_error *err)
{
    char shown_base[SHOW_MAX], shown_ref[SHOW_MAX];
    gl_url_redact_to(b->text, shown_base, sizeof shown_base);
    gl_url_redact_to(ref, shown_ref, sizeof shown_ref);
    gl_error_set(err, GL_EINVAL, "cannot resolve '%s' against '%s': %s", shown_ref, shown_base,
                 b->curl->url_strerror(rc));
    return NULL;
}

/* Characters curl passes through unchanged in a path segment (RFC 3986 unreserved and
 * sub-delims), and in a fragment (those, '/' and '?'); '%' only as the start of an escape. */
#define SEGMENT_CHAR(c)                                                                     \
    (((c) >= 'a' && (c) <= 'z') || ((c) >= 'A' && (c) <= 'Z') || ((c) >= '0' && (c) <= '9') || \
     (c) == '-' || (c) == '.' || (c) == '_' || (c) == '~' || (c) == '!' || (c) == '$' ||      \
     (c) == '&' || (c) == '\'' || (c) == '(' || (c) == ')' || (c) == '*' || (c) == '+' ||     \
     (c) == ',' || (c) == ';' || (c) == '=')
/* A host name curl leaves as written: lower case, digits, '-' and '.'. */
#define HOST_CHAR(c) (((c) >= 'a' && (c) <= 'z') || ((c) >= '0' && (c) <= '9') || (c) == '-' || (c) == '.')
enum { IN_SEGMENT = 1, IN_FRAGMENT = 2, IN_PATH = 4, IN_HOST = 8 };
#define CHAR_CLASS(c)                                                                       \
    ((SEGMENT_CHAR(c) ? IN_SEGMENT | IN_FRAGMENT | IN_PATH : 0) |                            \
     ((c) == '/' ? IN_FRAGMENT | IN_PATH : 0) | ((c) == '?' ? IN_FRAGMENT : 0) |             \
     (HOST_CHAR(c) ? IN_HOST : 0))
#define CHAR_CLASS_ROW(r)                                                                   \
    CHAR_CLASS(16 * (r) + 0), CHAR_CLASS(16 * (r) + 1), CHAR_CLASS(16 * (r) + 2),            \
        CHAR_CLASS(16 * (r) + 3), CHAR_CLASS(16 * (r) + 4), CHAR_CLASS(16 * (r) + 5),        \
        CHAR_CLASS(16 * (r) + 6), CHAR_CLASS(16 * (r) + 7), CHAR_CLASS(16 * (r) + 8),        \
        CHAR_CLASS(16 * (r) + 9), CHAR_CLASS(16 * (r) + 10), CHAR_CLASS(16 * (r) + 11),      \
        CHAR_CLASS(16 * (r) + 12), CHAR_CLASS(16 * (r) + 13), CHAR_CLASS(16 * (r) + 14),     \
        CHAR_CLASS(16 * (r) + 15)
/* A table, as the fast paths check every character of every link (digests included), on
 * which a chain of comparisons mispredicts; bytes from 0x80 are in no class. */
static const unsigned char char_classes[256] = {
    CHAR_CLASS_ROW(0), CHAR_CLASS_ROW(1), CHAR_CLASS_ROW(2), CHAR_CLASS_ROW(3),
    CHAR_CLASS_ROW(4), CHAR_CLASS_ROW(5), CHAR_CLASS_ROW(6), CHAR_CLASS_ROW(7),
};

/* True when every byte of s[0..n) is of class (one of the IN_ bits). No branch per byte: on
 * links the answer is nearly always yes, and a loop that can leave early mispredicts; four
 * bytes a step, as a link's path and digest are a hundred or two. */
static bool all_of_class(const char *s, size_t n, unsigned char class)
{
    const unsigned char *p = (const unsigned char *)s;
    unsigned char all = class;
    size_t i = 0;
    for (; i + 4 <= n; i += 4)
        all &= char_classes[p[i]] & char_classes[p[i + 1]] & char_classes[p[i + 2]] &
               char_classes[p[i + 3]];
    for (; i < n; i++)
        all &= char_classes[p[i]];
    return all != 0;
}

/* True when s[i] starts a percent-escape that ends within s[0..n). */
static bool escape_at(const char *s, size_t i, size_t n)
{
    return s[i] == '%' && i + 2 < n && gl_hex_digit_value(s[i + 1]) >= 0 &&
           gl_hex_digit_value(s[i + 2]) >= 0;
}

/* True when every character of s[0..n) is of class, or a complete percent-escape. */
static bool plain_span(const char *s, size_t n, unsigned char class)
{
    if (all_of_class(s, n, class))
        return true;
    for (size_t i = 0; i < n; i++)
        if (!(char_classes[(unsigned char)s[i]] & class) && !escape_at(s, i, n))
            return false;
    return true;
}

/* Not empty and not a dot segment, which resolution would drop or merge. */
static bool solid_segment(const char *s, size_t n)
{
    return !(n == 0 || (n == 1 && s[0] == '.') || (n == 2 && s[0] == '.' && s[1] == '.'));
}

/* A last path segment whose resolution cannot differ from that of any other: solid, no ':'
 * (which could make it a scheme), nothing curl would escape. */
static bool plain_segment(const char *s, size_t n)
{
    return solid_segment(s, n) && plain_span(s, n, IN_SEGMENT);
}

static bool plain_fragment(const char *s) { return plain_span(s, strlen(s), IN_FRAGMENT); }

/* The segments of a path ("a/b/c.whl", without its leading '/'), each plain: a pypi.org link
 * is a hundred characters of path. */
static bool plain_segments(const char *s, size_t n)
{
    /* The usual path has no escape and no segment that is empty or starts with '.' (which
     * could be a dot segment): a pass over its bytes and a look after each of its few '/'. */
    bool usual = n > 0 && s[0] != '.' && s[0] != '/' && s[n - 1] != '/' && all_of_class(s, n, IN_PATH);
    for (const char *slash = s; usual && (slash = memchr(slash, '/', (size_t)(s + n - slash)));)
        usual = *++slash != '/' && *slash != '.'; /* never the last byte */
    if (usual)
        return true;
    size_t start = 0;
    for (size_t i = 0; i < n; i++) {
        if (char_classes[(unsigned char)s[i]] & IN_SEGMENT)
            continue;
        if (s[i] == '/') {
            if (!solid_segment(s + start, i - start))
                return false;
            start = i + 1;
        } else if (!escape_at(s, i, n)) {
            return false;
        }
    }
    return solid_segment(s + start, n - start);
}

static bool resolve_with_curl(const gl_url_base *b, const char *ref, const char *text,
                              gl_strbuf *out, size_t *fragment_at, bool join, gl_error *err);

/* What curl resolves text to against b, as a malloc'd string; NULL when curl refuses it. */
static char *curl_resolution(const gl_url_base *b, const char *text)
{
    gl_strbuf r = GL_STRBUF_INIT;
    if (!resolve_with_curl(b, text, text, &r, NULL, true, NULL)) {
        gl_strbuf_free(&r);
        return NULL;
    }
    return gl_strbuf_detach(&r);
}

/* The path part of a reference without a query: its end, and its fragment (NULL when absent
 * or empty: curl drops an empty fragment, and so do the fast paths). False when it has a query. */
static bool split_plain_reference(const char *t, size_t *path_end, const char **frag)
{
    *path_end = strcspn(t, "?#");
    if (t[*path_end] == '?')
        return false;
    *frag = t[*path_end] == '#' && t[*path_end + 1] ? t + *path_end + 1 : NULL;
    return true;
}

/* A resolution's answer: head + tail and a NUL as the URL, then, when fragment_at asks for it
 * and there is one, frag and a NUL, *fragment_at its offset in out. */
static bool append_result(gl_strbuf *out, const char *head, size_t head_len, const char *tail,
                          size_t tail_len, const char *frag, size_t *fragment_at, gl_error *err)
{
    bool ok = gl_strbuf_append(out, head, head_len) && gl_strbuf_append(out, tail, tail_len) &&
              gl_strbuf_append(out, "", 1);
    if (ok && frag && fragment_at) {
        *fragment_at = out->len;
        ok = gl_strbuf_append(out, frag, strlen(frag) + 1);
    }
    if (!ok)
        gl_error_set(err, GL_ENOMEM, "out of memory");
    return ok;
}

typedef enum fast_path {
    FAST_PATH_NOT_TAKEN, /* the reference is not of the path's shape: nothing written */
    FAST_PATH_RESOLVED,
    FAST_PATH_FAILED, /* memory ran out (err says so) */
} fast_path;

/* An absolute reference (RFC 3986 5.2.2: it has a scheme) resolves to itself with dot
 * segments removed; when it has none and every path segment is plain, the result is the text
 * as written, provided curl writes its origin back unchanged, which is checked once per
 * origin with a probe. */
static fast_path resolve_absolute(gl_url_base *b, const char *t, gl_strbuf *out,
                                  size_t *fragment_at, gl_error *err)
{
    size_t scheme = !strncmp(t, "https://", 8) ? 8 : !strncmp(t, "http://", 7) ? 7 : 0;
    if (!scheme)
        return FAST_PATH_NOT_TAKEN;
    size_t path_end;
    const char *frag;
    if (!split_plain_reference(t, &path_end, &frag))
        return FAST_PATH_NOT_TAKEN;
    const char *slash = memchr(t + scheme, '/', path_end - scheme);
    size_t origin_end = slash ? (size_t)(slash - t) : path_end;
    if (origin_end == scheme || origin_end == path_end)
        return FAST_PATH_NOT_TAKEN;
    /* A plain host name in lower case, no user, no port: nothing curl would rewrite. */
    if (!all_of_class(t + scheme, origin_end - scheme, IN_HOST))
        return FAST_PATH_NOT_TAKEN;
    if (!plain_segments(t + origin_end + 1, path_end - origin_end - 1) ||
        (frag && !plain_fragment(frag)))
        return FAST_PATH_NOT_TAKEN;
    if (!b->memo_origin || b->memo_origin_len != origin_end || memcmp(b->memo_origin, t, origin_end)) {
        char *probe = malloc(origin_end + 3);
        if (!probe)
            return FAST_PATH_NOT_TAKEN;
        memcpy(probe, t, origin_end);
        memcpy(probe + origin_end, "/x", 3);
        char *abs = curl_resolution(b, probe);
        bool same = abs && !strcmp(abs, probe);
        free(abs);
        if (!same) {
            free(probe);
            return FAST_PATH_NOT_TAKEN; /* curl writes this origin differently: let it resolve every link */
        }
        probe[origin_end] = '\0';
        free(b->memo_origin);
        b->memo_origin = probe;
        b->memo_origin_len = origin_end;
    }
    return append_result(out, t, path_end, "", 0, frag, fragment_at, err) ? FAST_PATH_RESOLVED
                                                                           : FAST_PATH_FAILED;
}

/* RFC 3986 resolution treats the last segment of a path reference as an opaque string
 * appended to the resolved rest: so "dir/seg" resolves to what curl makes of "dir/x" with the
 * final "x" replaced by seg, when seg is plain, and "dir/seg/" likewise (a segment that is not
 * a dot segment ends up as written, whatever follows it). curl resolves each directory once. */
static fast_path resolve_memoized(gl_url_base *b, const char *t, gl_strbuf *out,
                                  size_t *fragment_at, gl_error *err)
{
    size_t path_end;
    const char *frag;
    if (!split_plain_reference(t, &path_end, &frag))
        return FAST_PATH_NOT_TAKEN;
    /* "seg/", as project lists link, resolves as "seg" does, the '/' kept after it. */
    size_t slash_after = path_end > 0 && t[path_end - 1] == '/';
    size_t seg_end = path_end - slash_after;
    const char *last_slash = memrchr(t, '/', seg_end);
    size_t dir_len = last_slash ? (size_t)(last_slash - t) + 1 : 0;
    const char *seg = t + dir_len;
    size_t seg_len = seg_end - dir_len;
    if (!plain_segment(seg, seg_len) || (frag && !plain_fragment(frag)))
        return FAST_PATH_NOT_TAKEN;
    if (!b->memo_dir || b->memo_dir_len != dir_len || memcmp(b->memo_dir, t, dir_len)) {
        char *probe = malloc(dir_len + 2);
        if (!probe)
            return FAST_PATH_NOT_TAKEN;
        memcpy(probe, t, dir_len);
        memcpy(probe + dir_len, "x", 2);
        char *abs = curl_resolution(b, probe);
        free(probe);
        size_t alen = abs ? strlen(abs) : 0;
        if (!abs || alen < 2 || strcmp(abs + alen - 2, "/x") != 0) {
            free(abs); /* curl read the probe differently: let it resolve the whole reference */
            return FAST_PATH_NOT_TAKEN;
        }
        abs[alen - 1] = '\0';
        char *dir = strndup(t, dir_len);
        if (!dir) {
            free(abs);
            return FAST_PATH_NOT_TAKEN;
        }
        free(b->memo_dir);
        free(b->memo_abs);
        b->memo_dir = dir;
        b->memo_dir_len = dir_len;
        b->memo_abs = abs;
        b->memo_abs_len = alen - 1;
    }
    return append_result(out, b->memo_abs, b->memo_abs_len, seg, seg_len + slash_after, frag,
                         fragment_at, err)
               ? FAST_PATH_RESOLVED
               : FAST_PATH_FAILED;
}

/* Browsers ignore spaces and control characters around an href: the part of ref that counts
 * starts at the returned pointer and is *len bytes long. */
static const char *trim_href(const char *ref, size_t *len)
{
    const char *start = ref;
    while (*start && (unsigned char)*start <= ' ')
        start++;
    size_t n = strlen(start);
    while (n > 0 && (unsigned char)start[n - 1] <= ' ')
        n--;
    *len = n;
    return start;
}

bool gl_url_base_resolve_append(gl_url_base *b, const char *ref, gl_strbuf *out,
                                size_t *fragment_at, gl_error *err)
{
    size_t start_len = out->len;
    if (fragment_at)
        *fragment_at = 0;
    size_t len;
    const char *start = trim_href(ref, &len);
    char *trimmed = start[len] ? strndup(start, len) : NULL;
    if (start[len] && !trimmed) {
        gl_error_set(err, GL_ENOMEM, "out of memory");
        return false;
    }
    const char *text = trimmed ? trimmed : start;
    fast_path path = resolve_absolute(b, text, out, fragment_at, err);
    if (path == FAST_PATH_NOT_TAKEN)
        path = resolve_memoized(b, text, out, fragment_at, err);
    bool ok = path == FAST_PATH_RESOLVED ||
              (path == FAST_PATH_NOT_TAKEN &&
               resolve_with_curl(b, ref, text, out, fragment_at, true, err));
    free(trimmed);
    if (!ok) {
        gl_strbuf_truncate(out, start_len);
        if (fragment_at)
            *fragment_at = 0;
    }
    return ok;
}

/* The malloc'd URL (and fragment, when asked for) of a resolution appended to r, which is
 * freed; NULL when memory runs out. */
static char *take_resolution(gl_strbuf *r, size_t fragment_at, char **fragment, gl_error *err)
{
    if (fragment && fragment_at) {
        *fragment = strdup(r->data + fragment_at);
        if (!*fragment) {
            gl_strbuf_free(r);
            gl_error_set(err, GL_ENOMEM, "out of memory");
            return NULL;
        }
    }
    return gl_strbuf_detach(r); /* the URL's NUL ends the string before the fragment */
}

char *gl_url_base_resolve(gl_url_base *b, const char *ref, char **fragment, gl_error *err)
{
    if (fragment)
        *fragment = NULL;
    gl_strbuf r = GL_STRBUF_INIT;
    size_t fragment_at;
    if (!gl_url_base_resolve_append(b, ref, &r, &fragment_at, err)) {
        gl_strbuf_free(&r);
        return NULL;
    }
    return take_resolution(&r, fragment_at, fragment, err);
}

char *gl_url_base_resolve_uncached(const gl_url_base *b, const char *ref, char **fragment,
                                   gl_error *err)
{
    if (fragment)
        *fragment = NULL;
    size_t len;
    const char *start = trim_href(ref, &len);
    char *trimmed = strndup(start, len);
    if (!trimmed) {
        gl_error_set(err, GL_ENOMEM, "out of memory");
        return NULL;
    }
    gl_strbuf r = GL_STRBUF_INIT;
    size_t fragment_at = 0;
    bool ok = resolve_with_curl(b, ref, trimmed, &r, &fragment_at, false, err);
    free(trimmed);
    if (!ok) {
        gl_strbuf_free(&r);
        return NULL;
    }
    return take_resolution(&r, fragment_at, fragment, err);
}

/* Joins the parts curl parsed the way curl_url_get(CURLUPART_URL) does, for the common URLs
 * (no zone id, no login options, no '%' in the host, not file:), at half its cost. False (with *out NULL) when u
 * is not such a URL or memory ran out: the caller then asks curl for the whole URL. */
static bool join_parts(const gl_curl_api *cu, CURLU *u, char **out)
{
    static const CURLUPart parts[] = {CURLUPART_SCHEME, CURLUPART_USER,  CURLUPART_PASSWORD,
                                      CURLUPART_HOST,   CURLUPART_PORT,  CURLUPART_PATH,
                                      CURLUPART_QUERY,  CURLUPART_OPTIONS, CURLUPART_ZONEID};
    enum { SCHEME, USER, PASSWORD, HOST, PORT, PATH, QUERY, OPTIONS, ZONEID, NPARTS };
    char *v[NPARTS] = {0};
    for (int i = 0; i < NPARTS; i++)
        cu->url_get(u, parts[i], &v[i], 0);
    /* curl escapes a '%' left in a host name ("%25") when it writes the whole URL, not when
     * it hands out the host alone. */
    bool ok = v[SCHEME] && v[HOST] && !v[OPTIONS] && !v[ZONEID] && strcmp(v[SCHEME], "file") &&
              !strchr(v[HOST], '%');
    *out = NULL;
    if (ok) {
        gl_strbuf b = GL_STRBUF_INIT;
        gl_strbuf_puts(&b, v[SCHEME]);
        gl_strbuf_puts(&b, "://");
        if (v[USER])
            gl_strbuf_puts(&b, v[USER]);
        if (v[PASSWORD]) {
            gl_strbuf_putc(&b, ':');
            gl_strbuf_puts(&b, v[PASSWORD]);
        }
        if (v[USER] || v[PASSWORD])
            gl_strbuf_putc(&b, '@');
        gl_strbuf_puts(&b, v[HOST]);
        if (v[PORT]) {
            gl_strbuf_putc(&b, ':');
            gl_strbuf_puts(&b, v[PORT]);
        }
        if (!v[PATH] || v[PATH][0] != '/')
            gl_strbuf_putc(&b, '/');
        if (v[PATH])
            gl_strbuf_puts(&b, v[PATH]);
        if (v[QUERY] && v[QUERY][0]) {
            gl_strbuf_putc(&b, '?');
            gl_strbuf_puts(&b, v[QUERY]);
        }
        ok = gl_strbuf_putc(&b, '\0'); /* false when any append ran out of memory */
        if (ok)
            *out = gl_strbuf_detach(&b);
        else
            gl_strbuf_free(&b);
    }
    for (int i = 0; i < NPARTS; i++)
        cu->free(v[i]);
    return ok;
}

/* Resolves text (ref trimmed) with curl, appending as append_result does; ref is what messages
 * quote. With join, the URL is assembled from curl's parts (join_parts) rather than by
 * curl_url_get. */
static bool resolve_with_curl(const gl_url_base *b, const char *ref, const char *text,
                              gl_strbuf *out, size_t *fragment_at, bool join, gl_error *err)
{
    const gl_curl_api *cu = b->curl;
    CURLU *u = cu->url_dup(b->handle);
    if (!u) {
        gl_error_set(err, GL_ENOMEM, "out of memory");
        return false;
    }
    char *abs = NULL, *frag = NULL, *joined = NULL;
    const char *url = NULL, *fragment = NULL;
    bool ok = false;
    /* A relative reference set on a handle holding a URL is resolved against it;
     * CURLU_URLENCODE escapes spaces and non-ASCII bytes but leaves existing %XX alone. */
    CURLUcode rc = cu->url_set(u, CURLUPART_URL, text, CURLU_URLENCODE);
    if (rc != CURLUE_OK) {
        resolve_failed(b, ref, rc, err);
        goto out;
    }
    if (join && join_parts(cu, u, &joined)) {
        url = joined;
        if (fragment_at && cu->url_get(u, CURLUPART_FRAGMENT, &frag, 0) == CURLUE_OK)
            fragment = frag;
    } else {
        rc = cu->url_get(u, CURLUPART_URL, &abs, 0);
        if (rc != CURLUE_OK) {
            resolve_failed(b, ref, rc, err);
            goto out;
        }
        /* In the URL curl composes, the first '#' starts the fragment: any other is escaped. */
        char *hash = strchr(abs, '#');
        if (hash) {
            *hash = '\0';
            fragment = hash + 1;
        }
        url = abs;
    }
    ok = append_result(out, url, strlen(url), "", 0, fragment, fragment_at, err);
out:
    free(joined);
    cu->free(abs);
    cu->free(frag);
    cu->url_cleanup(u);
    return ok;
}

char *gl_url_resolve(const char *base, const char *ref, char **fragment, gl_error *err)
{
    if (fragment)
        *fragment = NULL;
    gl_url_base *b = gl_url_base_new(base, err);
    if (!b) {
        char shown_ref[SHOW_MAX];
        gl_url_redact_to(ref, shown_ref, sizeof shown_ref);
        gl_error_prefix(err, "cannot resolve '%s': ", shown_ref);
        return NULL;
    }
    char *url = gl_url_base_resolve(b, ref, fragment, err);
    gl_url_base_free(b);
    return url;
}

/* The path of an absolute URL per RFC 3986's generic syntax: after "scheme:" and any
 * "//authority", up to '?' or '#'. False when url has no scheme. */
static bool url_path(const char *url, const char **path, size_t *len)
{
    const char *p = url;
    if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z')))
        return false;
    while ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
           *p == '+' || *p == '-' || *p == '.')
        p++;
    if (*p != ':')
        return false;
    p++;
    if (p[0] == '/' && p[1] == '/')
        p += 2 + strcspn(p + 2, "/?#");
    *path = p;
    *len = strcspn(p, "?#");
    return true;
}

bool gl_url_filename_append(const char *url, gl_strbuf *out, gl_error *err)
{
    char shown[SHOW_MAX];
    const char *path;
    size_t plen;
    if (!url_path(url, &path, &plen)) {
        gl_url_redact_to(url, shown, sizeof shown);
        gl_error_set(err, GL_EINVAL, "cannot take a file name from '%s': not an absolute URL",
                     shown);
        return false;
    }
    const char *last_slash = memrchr(path, '/', plen);
    const char *seg = last_slash ? last_slash + 1 : path;
    size_t n = (size_t)(path + plen - seg);
    size_t start = out->len;
    /* Decoding only shortens: the segment as written reserves the room, then is overwritten. */
    if (!gl_strbuf_append(out, seg, n)) {
        gl_error_set(err, GL_ENOMEM, "out of memory");
        return false;
    }
    char *name = out->data + start;
    /* Most names have no escape: decoding starts at the first '%', if any. */
    const char *pct = memchr(seg, '%', n);
    size_t o = pct ? (size_t)(pct - seg) : n;
    for (size_t i = o; i < n; i++) {
        int hi, lo;
        if (seg[i] == '%' && i + 2 < n && (hi = gl_hex_digit_value(seg[i + 1])) >= 0 &&
            (lo = gl_hex_digit_value(seg[i + 2])) >= 0) {
            char c = (char)(hi * 16 + lo);
            if (c == '\0' || c == '/') {
                gl_strbuf_truncate(out, start);
                gl_url_redact_to(url, shown, sizeof shown);
                gl_error_set(err, GL_EINVAL,
                             "cannot take a file name from '%s': '%%%c%c' decodes to %s", shown,
                             seg[i + 1], seg[i + 2], c ? "'/'" : "a NUL byte");
                return false;
            }
            name[o++] = c;
            i += 2;
        } else {
            name[o++] = seg[i]; /* a stray '%' stays as written */
        }
    }
    gl_strbuf_truncate(out, start + o);
    if (!gl_strbuf_append(out, "", 1)) {
        gl_strbuf_truncate(out, start);
        gl_error_set(err, GL_ENOMEM, "out of memory");
        return false;
    }
    return true;
}

char *gl_url_filename(const char *url, gl_error *err)
{
    gl_strbuf name = GL_STRBUF_INIT;
    if (!gl_url_filename_append(url, &name, err)) {
        gl_strbuf_free(&name);
        return NULL;
    }
    return gl_strbuf_detach(&name);
}

size_t gl_url_redact_to(const char *url, char *buf, size_t size)
{
    if (!url)
        url = "";
    const char *sep = strstr(url, "://");
    const char *at = NULL;
    if (sep) {
        const char *host = sep + 3;
        size_t authority = strcspn(host, "/?#");
        for (size_t i = 0; i < authority; i++)
            if (host[i] == '@')
                at = host + i; /* the last '@': a password may contain '@' unescaped */
    }
    int n;
    if (at)
        n = snprintf(buf, size, "%.*s****%s", (int)(sep + 3 - url), url, at);
    else
        n = snprintf(buf, size, "%s", url);
    return n < 0 ? 0 : (size_t)n;
}

char *gl_url_redact(const char *url)
{
    size_t n = gl_url_redact_to(url, NULL, 0);
    char *s = malloc(n + 1);
    if (s)
        gl_url_redact_to(url, s, n + 1);
    return s;
}
