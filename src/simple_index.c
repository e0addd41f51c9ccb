/* simple_index.c — reads index pages with a tokenizer that follows the HTML5 tokenization
 * rules for what a link list needs (tags, attributes in every quoting style, comments,
 * raw-text elements, character references), like pip's html.parser but without a tree.
 * libxml2's SAX HTML parser was measured first: parsing alone tops out near 100 MB/s on
 * these pages, under the 10x-Python bar; this reader, URL resolution included, runs at about
 * twice that (tools/bench.d/20-html). Named character references come from libxml2's HTML
 * entity table. Anchors are collected raw and resolved
 * afterwards, so a <base href> anywhere in the page applies to every link, as in browsers. */
#include "simple_index.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/HTMLparser.h>

#include "digest.h"
#include "strbuf.h"
#include "url.h"

#define SHOW_MAX 300 /* longest URL or value quoted in an error message */

/* An anchor as the page wrote it, character references decoded. */
typedef struct raw_anchor {
    char *href;
    char *text;
    char *requires_python;
    char *core_metadata;      /* NULL when absent or empty */
    char *dist_info_metadata; /* likewise */
    char *yank_reason;
    char *upload_time;
    bool yanked;
} raw_anchor;

typedef struct scan_state {
    raw_anchor *anchors;
    size_t nanchors, cap;
    raw_anchor *open; /* the anchor whose text is being collected, or NULL */
    gl_strbuf text;
    char *base_href;
    char *repository_version;
    bool out_of_memory;
} scan_state;

/* The attributes this reader looks at; the first occurrence of each wins, as in HTML. */
enum attr_id {
    A_HREF,
    A_REQUIRES_PYTHON,
    A_CORE_METADATA,
    A_DIST_INFO_METADATA,
    A_YANKED,
    A_UPLOAD_TIME,
    A_NAME,
    A_CONTENT,
    NATTRS
};

static const struct {
    const char *name;
    size_t len;
} attr_names[NATTRS] = {
    {"href", 4},         {"data-requires-python", 20}, {"data-core-metadata", 18},
    {"data-dist-info-metadata", 23}, {"data-yanked", 11}, {"data-upload-time", 16},
    {"name", 4},         {"content", 7},
};

typedef struct tag_attrs {
    const char *value[NATTRS]; /* raw, undecoded; NULL when absent or written without '=' */
    size_t len[NATTRS];
    bool present[NATTRS];
} tag_attrs;

static void raw_anchor_free(raw_anchor *a)
{
    free(a->href);
    free(a->text);
    free(a->requires_python);
    free(a->core_metadata);
    free(a->dist_info_metadata);
    free(a->yank_reason);
    free(a->upload_time);
}

static void scan_state_free(scan_state *st)
{
    for (size_t i = 0; i < st->nanchors; i++)
        raw_anchor_free(&st->anchors[i]);
    free(st->anchors);
    gl_strbuf_free(&st->text);
    free(st->base_href);
    free(st->repository_version);
}

static bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r'; }
static bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
static bool is_alnum(char c) { return is_alpha(c) || (c >= '0' && c <= '9'); }

static bool put_utf8(gl_strbuf *out, uint32_t cp)
{
    char b[4];
    size_t n;
    if (cp < 0x80) {
        b[0] = (char)cp, n = 1;
    } else if (cp < 0x800) {
        b[0] = (char)(0xC0 | cp >> 6), b[1] = (char)(0x80 | (cp & 0x3F)), n = 2;
    } else if (cp < 0x10000) {
        b[0] = (char)(0xE0 | cp >> 12), b[1] = (char)(0x80 | (cp >> 6 & 0x3F));
        b[2] = (char)(0x80 | (cp & 0x3F)), n = 3;
    } else {
        b[0] = (char)(0xF0 | cp >> 18), b[1] = (char)(0x80 | (cp >> 12 & 0x3F));
        b[2] = (char)(0x80 | (cp >> 6 & 0x3F)), b[3] = (char)(0x80 | (cp & 0x3F)), n = 4;
    }
    return gl_strbuf_append(out, b, n);
}

/* Decodes a character reference at p ('&' included) into out; returns the bytes consumed,
 * 0 when p starts no reference (the '&' is then literal). Named references need their ';'. */
static size_t char_ref(const char *p, const char *end, gl_strbuf *out, bool *ok)
{
    const char *q = p + 1;
    if (q < end && *q == '#') {
        q++;
        bool hex = q < end && (*q == 'x' || *q == 'X');
        if (hex)
            q++;
        const char *digits = q;
        uint32_t cp = 0;
        while (q < end && (hex ? (is_alnum(*q) && strchr("0123456789abcdefABCDEF", *q))
                               : (*q >= '0' && *q <= '9'))) {
            uint32_t d = (uint32_t)(*q <= '9' ? *q - '0' : (*q | 0x20) - 'a' + 10);
            cp = cp > 0x10FFFF ? cp : cp * (hex ? 16 : 10) + d;
            q++;
        }
        if (q == digits)
            return 0;
        if (q < end && *q == ';')
            q++;
        if (cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
            cp = 0xFFFD;
        *ok = put_utf8(out, cp);
        return (size_t)(q - p);
    }
    char name[40];
    size_t n = 0;
    while (q + n < end && n < sizeof name - 1 && is_alnum(q[n])) {
        name[n] = q[n];
        n++;
    }
    if (n == 0 || q + n >= end || q[n] != ';')
        return 0;
    name[n] = '\0';
    const htmlEntityDesc *e = htmlEntityLookup((const xmlChar *)name);
    if (!e)
        return 0;
    *ok = put_utf8(out, e->value);
    return n + 2;
}

/* Appends p[0..n) to out with character references decoded and NULs made U+FFFD. */
static bool decode_into(gl_strbuf *out, const char *p, size_t n)
{
    const char *end = p + n;
    bool ok = true;
    while (p < end && ok) {
        const char *run = p;
        while (p < end && *p != '&' && *p != '\0')
            p++;
        if (p > run)
            ok = gl_strbuf_append(out, run, (size_t)(p - run));
        if (p == end || !ok)
            break;
        if (*p == '\0') {
            ok = gl_strbuf_append(out, "\xEF\xBF\xBD", 3);
            p++;
            continue;
        }
        size_t used = char_ref(p, end, out, &ok);
        if (used == 0) {
            ok = ok && gl_strbuf_putc(out, '&');
            used = 1;
        }
        p += used;
    }
    return ok;
}

/* A decoded, malloc'd copy of attribute id, or NULL when absent (or memory ran out). */
static char *attr_copy(scan_state *st, const tag_attrs *a, enum attr_id id)
{
    if (!a->present[id])
        return NULL;
    gl_strbuf b = GL_STRBUF_INIT;
    if (!decode_into(&b, a->value[id] ? a->value[id] : "", a->len[id])) {
        gl_strbuf_free(&b);
        st->out_of_memory = true;
        return NULL;
    }
    char *s = gl_strbuf_detach(&b);
    if (!s)
        st->out_of_memory = true;
    return s;
}

/* Like attr_copy, but an empty value counts as absent. */
static char *attr_copy_nonempty(scan_state *st, const tag_attrs *a, enum attr_id id)
{
    char *s = attr_copy(st, a, id);
    if (s && !*s) {
        free(s);
        s = NULL;
    }
    return s;
}

static void close_anchor(scan_state *st)
{
    if (!st->open)
        return;
    const char *t = gl_strbuf_cstr(&st->text);
    size_t len = st->text.len;
    while (len > 0 && is_space(*t))
        t++, len--;
    while (len > 0 && is_space(t[len - 1]))
        len--;
    st->open->text = strndup(t, len);
    if (!st->open->text)
        st->out_of_memory = true;
    st->open = NULL;
    gl_strbuf_reset(&st->text);
}

static void open_anchor(scan_state *st, const tag_attrs *a)
{
    char *href = attr_copy_nonempty(st, a, A_HREF);
    if (!href)
        return; /* a name anchor or an empty link: nothing to download (pip skips them too) */
    if (st->nanchors == st->cap) {
        size_t cap = st->cap ? st->cap * 2 : 64;
        raw_anchor *p = realloc(st->anchors, cap * sizeof *p);
        if (!p) {
            free(href);
            st->out_of_memory = true;
            return;
        }
        st->anchors = p;
        st->cap = cap;
    }
    raw_anchor *r = &st->anchors[st->nanchors++];
    memset(r, 0, sizeof *r);
    r->href = href;
    r->requires_python = attr_copy(st, a, A_REQUIRES_PYTHON);
    r->core_metadata = attr_copy_nonempty(st, a, A_CORE_METADATA);
    r->dist_info_metadata = attr_copy_nonempty(st, a, A_DIST_INFO_METADATA);
    r->yanked = a->present[A_YANKED];
    r->yank_reason = attr_copy_nonempty(st, a, A_YANKED);
    r->upload_time = attr_copy(st, a, A_UPLOAD_TIME);
    st->open = r;
}

static bool name_is(const char *name, size_t len, const char *lit)
{
    return strlen(lit) == len && !strncasecmp(name, lit, len);
}

/* Elements whose content is text up to their end tag, never markup. */
static bool is_raw_text(const char *name, size_t len)
{
    static const char *const raw[] = {"script", "style", "textarea", "title", "xmp",
                                      "iframe", "noembed", "noframes", "noscript"};
    for (size_t i = 0; i < sizeof raw / sizeof raw[0]; i++)
        if (name_is(name, len, raw[i]))
            return true;
    return false;
}

/* Reads the attributes of a tag from p up to and including its '>'; records the ones this
 * reader uses when attrs is not NULL. Returns the position after '>', or NULL when the page
 * ends inside the tag (HTML then drops the tag). */
static const char *scan_attributes(const char *p, const char *end, tag_attrs *attrs)
{
    for (;;) {
        while (p < end && (is_space(*p) || *p == '/'))
            p++;
        if (p >= end)
            return NULL;
        if (*p == '>')
            return p + 1;
        const char *name = p++; /* the first character may be anything, even '=' */
        while (p < end && !is_space(*p) && *p != '/' && *p != '>' && *p != '=')
            p++;
        size_t name_len = (size_t)(p - name);
        while (p < end && is_space(*p))
            p++;
        const char *value = NULL;
        size_t value_len = 0;
        if (p < end && *p == '=') {
            p++;
            while (p < end && is_space(*p))
                p++;
            if (p >= end)
                return NULL;
            if (*p == '"' || *p == '\'') {
                const char *close = memchr(p + 1, *p, (size_t)(end - p - 1));
                if (!close)
                    return NULL;
                value = p + 1;
                value_len = (size_t)(close - value);
                p = close + 1;
            } else {
                value = p;
                while (p < end && !is_space(*p) && *p != '>')
                    p++;
                value_len = (size_t)(p - value);
            }
        }
        if (!attrs)
            continue;
        for (int id = 0; id < NATTRS; id++) {
            if (!attrs->present[id] && name_len == attr_names[id].len &&
                !strncasecmp(name, attr_names[id].name, name_len)) {
                attrs->present[id] = true;
                attrs->value[id] = value;
                attrs->len[id] = value_len;
                break;
            }
        }
    }
}

/* Skips the content of a raw-text element up to its end tag ("</name" then space, '/' or
 * '>'); returns the position of that "</", or end. */
static const char *skip_raw_text(const char *p, const char *end, const char *name, size_t len)
{
    while (p < end) {
        const char *lt = memchr(p, '<', (size_t)(end - p));
        if (!lt)
            return end;
        const char *q = lt + 2;
        if (q + len <= end && lt[1] == '/' && !strncasecmp(q, name, len) &&
            (q + len == end || is_space(q[len]) || q[len] == '/' || q[len] == '>'))
            return lt;
        p = lt + 1;
    }
    return end;
}

/* Handles a start tag whose name begins at p (just after '<'); returns where scanning goes on. */
static const char *start_tag(scan_state *st, const char *p, const char *end)
{
    const char *name = p;
    while (p < end && !is_space(*p) && *p != '/' && *p != '>')
        p++;
    size_t len = (size_t)(p - name);
    bool is_a = name_is(name, len, "a"), is_base = name_is(name, len, "base");
    bool is_meta = name_is(name, len, "meta");
    tag_attrs attrs;
    if (is_a || is_base || is_meta)
        memset(&attrs, 0, sizeof attrs);
    p = scan_attributes(p, end, is_a || is_base || is_meta ? &attrs : NULL);
    if (!p)
        return end;
    if (is_a) {
        close_anchor(st); /* anchors do not nest */
        open_anchor(st, &attrs);
    } else if (is_base) {
        if (!st->base_href) /* the first <base href> wins */
            st->base_href = attr_copy(st, &attrs, A_HREF);
    } else if (is_meta) {
        char *mname = attr_copy(st, &attrs, A_NAME);
        if (mname && !strcasecmp(mname, "pypi:repository-version") && !st->repository_version)
            st->repository_version = attr_copy(st, &attrs, A_CONTENT);
        free(mname);
    } else if (name_is(name, len, "plaintext")) {
        return end;
    } else if (is_raw_text(name, len)) {
        return skip_raw_text(p, end, name, len);
    }
    return p;
}

/* Handles "</" at p-2; returns where scanning goes on. */
static const char *end_tag(scan_state *st, const char *p, const char *end)
{
    if (p < end && *p == '>')
        return p + 1; /* "</>" is nothing */
    if (p >= end || !is_alpha(*p)) {
        const char *gt = memchr(p, '>', (size_t)(end - p)); /* a bogus comment */
        return gt ? gt + 1 : end;
    }
    const char *name = p;
    while (p < end && !is_space(*p) && *p != '/' && *p != '>')
        p++;
    size_t len = (size_t)(p - name);
    p = scan_attributes(p, end, NULL);
    if (!p)
        return end;
    if (name_is(name, len, "a"))
        close_anchor(st);
    return p;
}

/* Handles "<!" at p-2: comments, doctype, CDATA and other declarations. */
static const char *markup_declaration(const char *p, const char *end)
{
    if (end - p >= 2 && p[0] == '-' && p[1] == '-') {
        p += 2;
        if (p < end && *p == '>')
            return p + 1; /* "<!-->" */
        if (end - p >= 2 && p[0] == '-' && p[1] == '>')
            return p + 2; /* "<!--->" */
        const char *close = memmem(p, (size_t)(end - p), "-->", 3);
        return close ? close + 3 : end;
    }
    const char *gt = memchr(p, '>', (size_t)(end - p));
    return gt ? gt + 1 : end;
}

static void scan(scan_state *st, const char *data, size_t len)
{
    const char *p = data, *end = data + len;
    while (p < end && !st->out_of_memory) {
        const char *lt = memchr(p, '<', (size_t)(end - p));
        const char *text_end = lt ? lt : end;
        if (st->open && text_end > p && !decode_into(&st->text, p, (size_t)(text_end - p)))
            st->out_of_memory = true;
        if (!lt)
            break;
        p = lt + 1;
        if (p < end && *p == '!')
            p = markup_declaration(p + 1, end);
        else if (p < end && *p == '/')
            p = end_tag(st, p + 1, end);
        else if (p < end && *p == '?')
            p = markup_declaration(p + 1, end); /* a bogus comment up to '>' */
        else if (p < end && is_alpha(*p))
            p = start_tag(st, p, end);
        else if (st->open && !gl_strbuf_putc(&st->text, '<')) /* a lone '<' is text */
            st->out_of_memory = true;
    }
    close_anchor(st); /* an anchor left open at the end of the page */
}

/* Decodes character references a page escaped twice ("&amp;gt;=3.9"), as pip does. */
static void unescape_entities(char *s)
{
    static const struct {
        const char *name;
        char c;
    } named[] = {{"&lt;", '<'}, {"&gt;", '>'}, {"&amp;", '&'}, {"&quot;", '"'}, {"&apos;", '\''}};
    char *o = s;
    for (const char *p = s; *p;) {
        bool done = false;
        if (*p == '&') {
            for (size_t i = 0; i < sizeof named / sizeof named[0] && !done; i++) {
                size_t n = strlen(named[i].name);
                if (!strncmp(p, named[i].name, n)) {
                    *o++ = named[i].c;
                    p += n;
                    done = true;
                }
            }
            if (!done && p[1] == '#') {
                /* ASCII numeric references only: anything else stays as written. */
                bool hex = p[2] == 'x' || p[2] == 'X';
                const char *digits = p + (hex ? 3 : 2);
                char *end;
                long v = strtol(digits, &end, hex ? 16 : 10);
                if (end > digits && *digits != '-' && *digits != '+' && *end == ';' && v > 0 &&
                    v < 128) {
                    *o++ = (char)v;
                    p = end + 1;
                    done = true;
                }
            }
        }
        if (!done)
            *o++ = *p++;
    }
    *o = '\0';
}

/* Reads the digest in a link fragment ("sha256=…", possibly among other '&'-joined parts).
 * Fragments naming no supported algorithm are no digest; a malformed digest is an error. */
static bool take_fragment_digest(gl_index_link *link, const char *frag, gl_error *err)
{
    for (const char *p = frag; *p;) {
        size_t n = strcspn(p, "&");
        const char *eq = memchr(p, '=', n);
        if (eq && gl_digest_algo_name(p, (size_t)(eq - p)))
            return gl_digest_parse(p, n, &link->hash_algo, &link->hash_hex, err);
        p += n;
        if (*p)
            p++;
    }
    return true;
}

/* PEP 658/714: "true", or "<algo>=<hex>"; any other value still announces the file (pip reads
 * it so), except "false", which some servers write for "none". */
static bool take_core_metadata(gl_index_link *link, const raw_anchor *a, gl_error *err)
{
    const char *v = a->core_metadata ? a->core_metadata : a->dist_info_metadata;
    if (!v || !strcasecmp(v, "false"))
        return true;
    link->has_core_metadata = true;
    const char *eq = strchr(v, '=');
    if (eq && gl_digest_algo_name(v, (size_t)(eq - v)))
        return gl_digest_parse(v, strlen(v), &link->core_metadata_hash_algo,
                               &link->core_metadata_hash_hex, err);
    return true;
}

static char *take(char **s)
{
    char *v = *s;
    *s = NULL;
    return v;
}

/* On failure *href_named says whether err already quotes the href. */
static bool build_link(gl_index_link *link, raw_anchor *a, gl_url_base *base,
                       bool *href_named, gl_error *err)
{
    *href_named = false;
    char *frag = NULL;
    link->url = gl_url_base_resolve(base, a->href, &frag, err);
    if (!link->url) {
        *href_named = true;
        return false;
    }
    bool ok = true;
    if (frag)
        ok = take_fragment_digest(link, frag, err);
    free(frag);
    if (!ok)
        return false;
    link->filename = gl_url_filename(link->url, err);
    if (!link->filename)
        return false;
    if (!take_core_metadata(link, a, err))
        return false;
    link->text = take(&a->text);
    link->requires_python = take(&a->requires_python);
    if (link->requires_python)
        unescape_entities(link->requires_python);
    link->yanked = a->yanked;
    link->yank_reason = take(&a->yank_reason);
    link->upload_time = take(&a->upload_time);
    if (!link->text) {
        gl_error_set(err, GL_ENOMEM, "out of memory");
        return false;
    }
    return true;
}

static void link_free(gl_index_link *l)
{
    free(l->filename);
    free(l->url);
    free(l->text);
    free(l->hash_hex);
    free(l->requires_python);
    free(l->core_metadata_hash_hex);
    free(l->yank_reason);
    free(l->upload_time);
}

/* PEP 629: a client must refuse a page whose major repository version it does not know. */
static bool check_repository_version(const char *v, const char *shown_page, gl_error *err)
{
    if (!v)
        return true;
    char *end;
    unsigned long major = strtoul(v, &end, 10);
    if (end == v || *v == '-' || *v == '+')
        return true; /* not a version: ignored, as the PEP only constrains valid ones */
    if (major != 1) {
        gl_error_set(err, GL_EINVAL,
                     "%s: unsupported repository version '%.20s' (gpulock reads 1.x pages)",
                     shown_page, v);
        return false;
    }
    return true;
}

bool gl_index_page_parse(gl_index_page *page, const char *data, size_t len, const char *page_url,
                         gl_error *err)
{
    memset(page, 0, sizeof *page);
    char shown_page[SHOW_MAX];
    gl_url_redact_to(page_url, shown_page, sizeof shown_page);
    page->url = strdup(page_url ? page_url : "");
    if (!page->url) {
        gl_error_set(err, GL_ENOMEM, "%s: out of memory", shown_page);
        return false;
    }
    if (len == 0)
        return true; /* PyPI serves empty bodies for projects without files */

    scan_state st = {0};
    scan(&st, data, len);
    bool ok = !st.out_of_memory;
    gl_url_base *base = NULL;
    char *base_url = NULL;
    if (!ok) {
        gl_error_set(err, GL_ENOMEM, "%s: out of memory", shown_page);
        goto out;
    }
    ok = check_repository_version(st.repository_version, shown_page, err);
    if (!ok)
        goto out;
    page->repository_version = take(&st.repository_version);
    if (st.nanchors == 0)
        goto out;
    if (st.base_href) {
        base_url = gl_url_resolve(page_url, st.base_href, NULL, err);
        if (!base_url) {
            ok = false;
            gl_error_prefix(err, "%s: <base href>: ", shown_page);
            goto out;
        }
    }
    base = gl_url_base_new(base_url ? base_url : page_url, err);
    if (!base) {
        ok = false;
        gl_error_prefix(err, "%s: ", shown_page);
        goto out;
    }
    page->links = calloc(st.nanchors, sizeof *page->links);
    if (!page->links) {
        ok = false;
        gl_error_set(err, GL_ENOMEM, "%s: out of memory", shown_page);
        goto out;
    }
    for (size_t i = 0; i < st.nanchors; i++) {
        page->nlinks = i + 1; /* a half-built link is freed with the page */
        bool href_named;
        if (!build_link(&page->links[i], &st.anchors[i], base, &href_named, err)) {
            char shown_href[SHOW_MAX];
            gl_url_redact_to(st.anchors[i].href, shown_href, sizeof shown_href);
            if (href_named)
                gl_error_prefix(err, "%s: ", shown_page);
            else
                gl_error_prefix(err, "%s: link '%s': ", shown_page, shown_href);
            ok = false;
            break;
        }
    }
out:
    gl_url_base_free(base);
    free(base_url);
    scan_state_free(&st);
    if (!ok)
        gl_index_page_free(page);
    return ok;
}

void gl_index_page_free(gl_index_page *page)
{
    if (!page)
        return;
    for (size_t i = 0; i < page->nlinks; i++)
        link_free(&page->links[i]);
    free(page->links);
    free(page->url);
    free(page->repository_version);
    memset(page, 0, sizeof *page);
}
